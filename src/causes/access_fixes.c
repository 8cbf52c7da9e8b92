/* The fixes of permission-denied, wrong-owner and
 * global-prefix-not-writable (their rules are in access.c). */

#include "causes/kit.h"

/* clang-format off */
const fsd__fix_t fsd__fixes_permission_denied[] = {
    {"posix", "bash", NULL, "sticky",
     "{component} is a sticky directory: entries of other users can only be "
     "removed or renamed by their owner ({owner}), the directory's owner or "
     "root. Ask them, or work in a directory of your own.",
     {FSD__I("ls -ld -- {component} {sticky}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "sudoredirect",
     "Let a process that sudo started open the file: pipe into sudo tee "
     "(\"... | sudo tee -a -- {sudoredirect}\" to append, without -a to "
     "replace), or run the whole line in sudo sh -c '...'.",
     {FSD__I("ls -l -- {sudoredirect}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "socket",
     "Connecting to a daemon's socket takes write permission on it, which "
     "its owner and group have (Docker's: root and the docker group). "
     "Compare them with your groups; a group added takes a new login. The "
     "docker group is as good as root: rootless Docker, or sudo for the one "
     "command, keeps it so.",
     {FSD__I("ls -l -- {socket}"), FSD__I("id -nG"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "bit,!walked",
     "{component} does not grant you the {bit} bit. If it is yours, add the "
     "bit; otherwise ask its owner ({owner}).",
     {FSD__I("ls -ld -- {component}"),
      FSD__C("component", "chmod u+{bit} -- {component}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "bit,!exec,!walked",
     "When a whole tree lost its write bits (a copy from read-only media, an "
     "archive), restore them for your user.",
     {FSD__C_WIDE("path", "chmod -R u+w -- {path}"), FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "devnode",
     "See the device's group and yours: an account joins that group "
     "through the system's administrator, and it takes a new login. For "
     "one command, sudo works too.",
     {FSD__I("ls -l -- {devnode}"), FSD__I("id -nG"), FSD__CMDS_END}, 0},
    {"linux", NULL, NULL, "androidapp",
     "Read the app's files as the app (adb shell run-as <package>, for a "
     "debuggable build) or, on a test device, after adb root.",
     {FSD__CMDS_END}, 0},
    /* From the text alone: which directory on the path denies it */
    {"linux", "bash", NULL, "!bit,!sticky,!sudoredirect,!socket,!walked,!androidapp,!devnode",
     "See the owner and mode of {path} and of each directory above it: the "
     "first that lacks the bit this needs is the one to change, or to ask "
     "its owner about.",
     {FSD__I("namei -l -- {path}"), FSD__I_ON("dest", "namei -l -- {dest}"),
      FSD__CMDS_END}, 0},
    /* a walk's end is the system's or another user's: nothing to change */
    {"posix", "bash", NULL, "walked",
     "See the owner and mode of {path} and of each directory above it. It "
     "is not the project's: leave its permissions as they are.",
     {FSD__I("namei -l -- {path}"), FSD__I_ON("dest", "namei -l -- {dest}"),
      FSD__CMDS_END}, 0},
    {"darwin", "bash", NULL, "!bit,!sticky,!sudoredirect,!socket,!walked",
     "See the owner and mode of {path} and of the directory that holds it.",
     {FSD__I("ls -ld -- {path} {dir}"), FSD__I_ON("dest", "ls -ld -- {dest}"),
      FSD__CMDS_END}, 0},
    {"win32", NULL, NULL, "walked",
     "It is not the project's: leave its access list as it is.",
     {FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "!walked",
     "Inspect the ACL and grant your account full control.",
     {FSD__I("icacls {path}"),
      FSD__R("path", "icacls {path} /grant \"%USERNAME%\":(OI)(CI)F /T"),
      FSD__CMDS_END}, 0},
    {"win32", "powershell", NULL, "!walked",
     "Inspect the ACL and grant your account full control.",
     {FSD__I("icacls {path}"),
      FSD__R("path", "icacls {path} /grant \"${env:USERNAME}:(OI)(CI)F\" /T"),
      FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_wrong_owner[] = {
    /* a daemon's socket in the home: the daemon is the other account's */
    {"posix", "bash", NULL, "homesocket",
     "See who owns {homesocket} and which account runs its daemon. If "
     "nothing else needs that daemon (for PM2, sudo pm2 ls shows what it "
     "runs), stop it with the other account's own stop command and start "
     "it again as yourself.",
     {FSD__I("ls -l -- {homesocket}"), FSD__CMDS_END}, 0},
    /* mkfs makes lost+found root's: nothing to take back */
    {"posix", NULL, NULL, "lostfound",
     "{lostfound} is the filesystem's own recovery folder, made root's by "
     "mkfs on purpose. Leave it as it is and keep it out of what the tool "
     "copies or syncs (an ignore pattern, such as Syncthing's .stignore).",
     {FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "container",
     "In a container, {path} keeps the uid that owns it on the host (a "
     "mounted directory) or in the image (an earlier step run as root). "
     "Compare the numeric owner with the container's user, then run the "
     "container as that uid (docker run --user) or give the directory to "
     "the container's user where the image is built.",
     {FSD__I("ls -lnd -- {path}"), FSD__I("id"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "gitshared",
     "In the repository on the server, give its objects to one group that "
     "every pushing account is in, and make git keep it so: chgrp -R that "
     "group, chmod -R g+ws on the objects directory, and git config "
     "core.sharedRepository group. Run them on the server, in the "
     "repository.",
     {FSD__CMDS_END}, 0},
    /* another user's entry in /tmp: not the user's to take */
    {"posix", "bash", NULL, "stickytmp",
     "{stickytmp} is in a sticky directory, where only its owner (or root) "
     "may remove or rename it. Use a name of your own; if the entry is yours "
     "from an earlier sudo, remove it with sudo, else ask its owner.",
     {FSD__I("ls -ld -- {stickytmp}"), FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!container,!gitshared,!webserver,npmctx,!stickytmp,!lostfound,!walked,!homesocket",
     "{component} belongs to {owner}, not to you (usually left by an earlier "
     "sudo npm). Take the tree back, then run npm without sudo.",
     {FSD__I("ls -ld -- {component}"),
      FSD__R("component", "sudo chown -R \"$(id -un)\" -- {component}"),
      FSD__CMDS_END}, 0},
    {"posix", "bash", NULL, "!container,!gitshared,!webserver,!npmctx,!stickytmp,!lostfound,!walked,!homesocket",
     "{component} belongs to {owner}, not to you (usually left by a command "
     "run with sudo or as root). Take the tree back for your user; if a "
     "service's account must write it instead, give it to that account.",
     {FSD__I("ls -ld -- {component}"),
      FSD__R("component", "sudo chown -R \"$(id -un)\" -- {component}"),
      FSD__CMDS_END}, 0},
    /* the server's account, not the shell's, is the one that writes */
    {"posix", "bash", NULL, "!container,!gitshared,webserver,!stickytmp,!lostfound",
     "The web server (or PHP-FPM) writes as its own account, not yours: "
     "www-data on Debian and Ubuntu, apache or nginx on Red Hat. See who "
     "owns the directory and which account the server runs as, then give "
     "only the directories it must write (uploads, cache, storage, logs) to "
     "that account or its group.",
     {FSD__I("ls -ld -- {component}"),
      FSD__I("ps -eo user,comm | grep -E 'apache|httpd|nginx|php'"),
      FSD__CMDS_END}, 0},
    {"linux", "bash", NULL, "!component,!container,!gitshared,!stickytmp",
     "See the owner of {path} and of each directory above it.",
     {FSD__I("namei -l -- {path}"), FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, "!walked",
     "{component} belongs to {owner}. Take ownership from an elevated "
     "prompt.",
     {FSD__I("icacls {component}"),
      FSD__R("component", "takeown /f {component} /r /d y"), FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */

/* clang-format off */
const fsd__fix_t fsd__fixes_global_prefix_not_writable[] = {
    {"linux", "bash", NULL, NULL,
     "npm's global prefix[[ {prefix}]] is not yours. Give npm a prefix in "
     "your home directory and put its bin on PATH.",
     {FSD__I("npm prefix -g"),
      FSD__C("npm:prefix",
             "mkdir -p ~/.npm-global && npm config set prefix ~/.npm-global && "
             "echo 'export PATH=\"$HOME/.npm-global/bin:$PATH\"' >> ~/.profile"),
      FSD__CMDS_END}, 0},
    /* zsh, macOS's shell since 10.15, reads ~/.zprofile, not ~/.profile */
    {"darwin", "bash", NULL, NULL,
     "npm's global prefix[[ {prefix}]] is not yours. Give npm a prefix in "
     "your home directory and put its bin on PATH (zsh reads ~/.zprofile; with "
     "bash, use ~/.bash_profile).",
     {FSD__I("npm prefix -g"),
      FSD__C("npm:prefix",
             "mkdir -p ~/.npm-global && npm config set prefix ~/.npm-global && "
             "echo 'export PATH=\"$HOME/.npm-global/bin:$PATH\"' >> ~/.zprofile"),
      FSD__CMDS_END}, 0},
    {"posix", NULL, NULL, NULL,
     "Or install Node with a version manager (nvm, fnm, volta), which keeps "
     "global packages under your home directory.",
     {FSD__CMDS_END}, FSD__FIX_OR},
    {"win32", "powershell", NULL, NULL,
     "Point npm's global prefix at your profile.",
     {FSD__C("npm:prefix", "npm config set prefix \"$env:APPDATA\\npm\""),
      FSD__CMDS_END}, 0},
    {"win32", "cmd", NULL, NULL, "Point npm's global prefix at your profile.",
     {FSD__C("npm:prefix", "npm config set prefix \"%APPDATA%\\npm\""),
      FSD__CMDS_END}, 0},
    FSD__FIX_END};
/* clang-format on */
