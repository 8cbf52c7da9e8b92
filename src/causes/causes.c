/* The cause catalogue: stable ids, titles, whether a retry can help, and the
 * fixes for each platform. Only data lives here; the rules that pick a cause
 * are in rules.c and the placeholder filling in fixes.c.
 *
 * Placeholders, filled from what was measured (fixes.c says what stands in
 * for an unknown value): {path} {dest} {dir} (parent of path) {project} (the
 * directory holding node_modules, else dir) {cache} {prefix} {mount}
 * {destMount} {fstype} {pid} {name} {component} {bit} {owner} {limit}
 * {newlimit} {nlink} {linkmax} {subdirs} {subdirmax} {flagged} {looplink}
 * {brokenlink} {linktarget} {exec} {source}. */

#include "engine/engine.h"


#define END {NULL, NULL, NULL, NULL, NULL, {NULL}}

static const fsd__fix_t fsd__fix_locked[] = {
    {"posix", "bash", NULL, "pid",
     "{name} (pid {pid}) has it open. Let it finish, or end it and run the "
     "command again.",
     {"ps -o pid,user,args -p {pid}", "kill {pid}", NULL}},
    {"posix", "bash", NULL, "!pid",
     "Find the process that has it open and end it, then run the command "
     "again.",
     {"lsof -- {path}", NULL}},
    {"all", NULL, "editor", NULL,
     "Close the editor that has it open, or stop it watching dependencies: "
     "add "
     "\"**/node_modules/**\": true under files.watcherExclude in the "
     "editor settings (.vscode/settings.json).",
     {NULL}},
    {"win32", "powershell", "node", "pid",
     "End the leftover node process (pid {pid}).",
     {"Stop-Process -Id {pid} -Force", NULL}},
    {"win32", "cmd", "node", "pid", "End the leftover node process (pid {pid}).",
     {"taskkill /PID {pid} /F", NULL}},
    {"win32", "powershell", "node", "!pid",
     "End node and npm processes left over from an earlier run.",
     {"Get-Process node, npm -ErrorAction SilentlyContinue | Stop-Process "
      "-Force",
      NULL}},
    {"win32", "cmd", "node", "!pid",
     "End node and npm processes left over from an earlier run.",
     {"tasklist | findstr /i \"node npm\"", "taskkill /IM node.exe /F", NULL}},
    {"win32", "powershell", "antivirus", NULL,
     "Exclude the project and npm's cache from Defender real-time scanning "
     "(PowerShell as administrator); scanners open each new file, which "
     "blocks npm's renames.",
     {"Add-MpPreference -ExclusionPath {project}",
      "Add-MpPreference -ExclusionPath {cache}", NULL}},
    {"win32", "powershell", "other", "pid",
     "End the process that holds the file (pid {pid}), once its work is saved.",
     {"Stop-Process -Id {pid}", NULL}},
    {"win32", NULL, NULL, NULL,
     "Delete node_modules with a remover that retries on locked files, then "
     "install again.",
     {"cd {project}", "npx rimraf node_modules", "npm install", NULL}},
    END};

static const fsd__fix_t fsd__fix_symlink_priv[] = {
    {"win32", "powershell", NULL, NULL,
     "Turn on Developer Mode (Settings > System > For developers): it lets "
     "an ordinary account create symlinks.",
     {"Start-Process ms-settings:developers", NULL}},
    {"win32", "cmd", NULL, NULL,
     "Or set the Developer Mode switch directly from an elevated prompt.",
     {"reg add \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\"
      "AppModelUnlock\" /t REG_DWORD /f /v AllowDevelopmentWithoutDevLicense "
      "/d 1",
      NULL}},
    {"win32", NULL, NULL, NULL,
     "Or run the command from an elevated shell (Run as administrator), "
     "which holds the symlink privilege.",
     {NULL}},
    {"all", NULL, NULL, NULL,
     "Or have npm skip the bin links: scripts in node_modules/.bin are then "
     "not created.",
     {"npm install --no-bin-links", "npm config set bin-links false", NULL}},
    END};

static const fsd__fix_t fsd__fix_no_symlinks[] = {
    {"all", NULL, NULL, NULL,
     "{mount} is {fstype}, which cannot store symlinks. Keep the project on "
     "a filesystem that can (ext4, APFS, NTFS) and use this drive only for "
     "copies.",
     {NULL}},
    {"all", NULL, NULL, NULL,
     "If it must stay here, stop npm from linking: no bin links, and copy "
     "local file: dependencies instead of linking them.",
     {"npm config set bin-links false", "npm install --install-links", NULL}},
    END};

static const fsd__fix_t fsd__fix_no_hardlinks[] = {
    {"all", NULL, NULL, NULL,
     "{mount} ({fstype}) cannot hold hard links. Put the project and the "
     "package store on a filesystem that can, or let the package manager "
     "copy files.",
     {"pnpm config set package-import-method copy", NULL}},
    END};

static const fsd__fix_t fsd__fix_readonly_attr[] = {
    {"win32", "cmd", NULL, NULL,
     "Clear the read-only attribute on {path} (and everything below it).",
     {"attrib -r {path}", "attrib -r {path}\\* /s /d", NULL}},
    {"win32", "powershell", NULL, NULL,
     "Clear the read-only attribute on {path} (and everything below it).",
     {"Get-ChildItem -LiteralPath {path} -Recurse -Force | ForEach-Object { "
      "$_.IsReadOnly = $false }",
      "(Get-Item -LiteralPath {path}).IsReadOnly = $false", NULL}},
    {"posix", "bash", NULL, NULL, "Give yourself write permission again.",
     {"chmod -R u+w {path}", NULL}},
    END};

static const fsd__fix_t fsd__fix_perm[] = {
    {"posix", "bash", NULL, NULL,
     "{component} does not grant you the {bit} bit. If it is yours, add the "
     "bit; otherwise ask its owner ({owner}).",
     {"ls -ld {component}", "chmod u+{bit} {component}", NULL}},
    {"posix", "bash", NULL, NULL,
     "When a whole tree lost its write bits (a copy from read-only media, an "
     "archive), restore them for your user.",
     {"chmod -R u+w {path}", NULL}},
    {"win32", "cmd", NULL, NULL,
     "Inspect the ACL and grant your account full control.",
     {"icacls {path}", "icacls {path} /grant \"%USERNAME%\":(OI)(CI)F /T",
      NULL}},
    {"win32", "powershell", NULL, NULL,
     "Inspect the ACL and grant your account full control.",
     {"icacls {path}", "icacls {path} /grant \"${env:USERNAME}:(OI)(CI)F\" /T",
      NULL}},
    END};

static const fsd__fix_t fsd__fix_owner[] = {
    {"posix", "bash", NULL, NULL,
     "{component} belongs to {owner}, not to you (usually left by an earlier "
     "sudo npm). Take the tree back, then run npm without sudo.",
     {"ls -ld {component}", "sudo chown -R $(whoami) {component}", NULL}},
    {"win32", "cmd", NULL, NULL,
     "{component} belongs to {owner}. Take ownership from an elevated "
     "prompt.",
     {"takeown /f {component} /r /d y", NULL}},
    END};

static const fsd__fix_t fsd__fix_immutable[] = {
    {"linux", "bash", NULL, NULL,
     "{flagged} carries the immutable or append-only flag, which even root "
     "must clear before changing it.",
     {"lsattr -d {flagged}", "sudo chattr -i -a {flagged}", NULL}},
    {"darwin", "bash", NULL, NULL,
     "{flagged} carries the uchg/schg flag. Clear it (schg needs recovery "
     "mode when the securelevel is raised).",
     {"ls -ldO {flagged}", "sudo chflags nouchg,noschg {flagged}", NULL}},
    END};

static const fsd__fix_t fsd__fix_rofs[] = {
    {"linux", "bash", NULL, NULL,
     "{mount} is mounted read-only. Remount it read-write if it should be "
     "(a filesystem that turned read-only after errors needs fsck first).",
     {"findmnt -T {path}", "sudo mount -o remount,rw {mount}", NULL}},
    {"darwin", "bash", NULL, NULL,
     "{mount} is mounted read-only. Remount it read-write if it should be.",
     {"sudo mount -uw {mount}", NULL}},
    {"all", NULL, NULL, NULL,
     "If the mount is read-only on purpose (an image, a container layer), "
     "write somewhere else, for example move npm's cache to a writable "
     "directory.",
     {"npm config set cache ~/.npm", NULL}},
    END};

static const fsd__fix_t fsd__fix_prefix[] = {
    {"posix", "bash", NULL, NULL,
     "npm's global prefix {prefix} is not yours. Give npm a prefix in your "
     "home directory and put its bin on PATH.",
     {"mkdir -p ~/.npm-global", "npm config set prefix ~/.npm-global",
      "echo 'export PATH=\"$HOME/.npm-global/bin:$PATH\"' >> ~/.profile",
      NULL}},
    {"posix", NULL, NULL, NULL,
     "Or install Node with a version manager (nvm, fnm, volta), which keeps "
     "global packages under your home directory.",
     {NULL}},
    {"win32", "powershell", NULL, NULL,
     "Point npm's global prefix at your profile.",
     {"npm config set prefix \"$env:APPDATA\\npm\"", NULL}},
    {"win32", "cmd", NULL, NULL, "Point npm's global prefix at your profile.",
     {"npm config set prefix \"%APPDATA%\\npm\"", NULL}},
    END};

static const fsd__fix_t fsd__fix_network[] = {
    {"posix", "bash", NULL, NULL,
     "{mount} is a network filesystem ({fstype}); locks and links behave "
     "differently there. Keep npm's cache and the project on a local disk.",
     {"npm config set cache ~/.npm", NULL}},
    {"win32", "powershell", NULL, NULL,
     "{mount} is a network share. Keep npm's cache and global prefix on a "
     "local disk.",
     {"npm config set cache \"$env:LOCALAPPDATA\\npm-cache\"",
      "npm config set prefix \"$env:APPDATA\\npm\"", NULL}},
    {"win32", "cmd", NULL, NULL,
     "{mount} is a network share. Keep npm's cache and global prefix on a "
     "local disk.",
     {"npm config set cache \"%LOCALAPPDATA%\\npm-cache\"",
      "npm config set prefix \"%APPDATA%\\npm\"", NULL}},
    {"all", NULL, NULL, NULL,
     "Copy local file: dependencies instead of linking them (npm 9+), or pack "
     "them into a tarball.",
     {"npm install --install-links", NULL}},
    END};

static const fsd__fix_t fsd__fix_wslmount[] = {
    {"wsl", "bash", NULL, NULL,
     "The project lives on a Windows drive ({mount}), where Linux permissions, "
     "symlinks and locks are emulated. Move it into the Linux filesystem and "
     "reinstall there.",
     {"mkdir -p ~/projects", "cp -a {project} ~/projects/",
      "cd ~/projects/{projectName} && rm -rf node_modules && npm install",
      NULL}},
    {"wsl", "bash", NULL, NULL,
     "If it has to stay on the Windows drive, mount it with metadata so "
     "chmod and chown work: add options = \"metadata\" under [automount] in "
     "/etc/wsl.conf, then restart WSL from Windows (wsl --shutdown).",
     {"sudo sh -c 'printf \"[automount]\\noptions = \\\"metadata\\\"\\n\" >> "
      "/etc/wsl.conf'",
      NULL}},
    END};

static const fsd__fix_t fsd__fix_wslnode[] = {
    {"wsl", "bash", NULL, NULL,
     "node is the Windows build ({exec}) running inside WSL. Install a Linux "
     "node in WSL and make sure it comes first on PATH.",
     {"which -a node npm", "nvm install --lts", NULL}},
    {"wsl", "bash", NULL, NULL,
     "Stop Windows programs from shadowing Linux ones: set "
     "appendWindowsPath = false under [interop] in /etc/wsl.conf, then "
     "restart WSL (wsl --shutdown).",
     {NULL}},
    END};

static const fsd__fix_t fsd__fix_linkmax[] = {
    {"all", NULL, NULL, NULL,
     "{path} already has {nlink} hard links, the most {fstype} allows "
     "({linkmax}). Clear the cache that shares it and verify what is left.",
     {"npm cache clean --force", "npm cache verify", NULL}},
    {"all", NULL, NULL, NULL,
     "With pnpm, drop unreferenced packages from the store.",
     {"pnpm store prune", NULL}},
    {"all", NULL, NULL, NULL,
     "Replace file: dependencies with packed tarballs, or let npm copy them "
     "instead of linking.",
     {"npm pack", "npm install --install-links", NULL}},
    {"posix", "bash", NULL, NULL, "List the other names of the same inode.",
     {"find {mount} -xdev -samefile {path}", NULL}},
    END};

static const fsd__fix_t fsd__fix_subdirs[] = {
    {"posix", "bash", NULL, NULL,
     "{dir} has {subdirs} subdirectories, the most {fstype} allows "
     "({subdirmax}). Remove ones you no longer need, or move the tree to "
     "ext4, which has no such limit.",
     {"find {dir} -mindepth 1 -maxdepth 1 -type d | wc -l",
      "npm cache clean --force", NULL}},
    END};

static const fsd__fix_t fsd__fix_loop[] = {
    {"posix", "bash", NULL, NULL,
     "Remove the link that closes the cycle ({looplink}) and reinstall.",
     {"ls -l {looplink}", "rm {looplink}", "npm install", NULL}},
    {"win32", "cmd", NULL, NULL,
     "Remove the link or junction that closes the cycle ({looplink}).",
     {"rmdir {looplink}", "npm install", NULL}},
    {"posix", "bash", NULL, NULL, "List links that do not resolve.",
     {"find {project} -xtype l", NULL}},
    END};

static const fsd__fix_t fsd__fix_broken[] = {
    {"posix", "bash", NULL, NULL,
     "{brokenlink} points at {linktarget}, which does not exist. Remove the "
     "link (or restore its target) and reinstall.",
     {"ls -l {brokenlink}", "rm {brokenlink}", "npm install", NULL}},
    {"win32", "powershell", NULL, NULL,
     "{brokenlink} points at {linktarget}, which does not exist. Remove it "
     "and reinstall.",
     {"Remove-Item -LiteralPath {brokenlink}", "npm install", NULL}},
    {"posix", "bash", NULL, NULL, "List every dangling link in the project.",
     {"find {project} -xtype l", NULL}},
    END};

static const fsd__fix_t fsd__fix_emfile[] = {
    {"posix", "bash", NULL, NULL,
     "This process may open {limit} files. Raise the soft limit for the "
     "shell that starts it.",
     {"ulimit -n", "ulimit -n {newlimit}", NULL}},
    {"linux", "bash", NULL, NULL,
     "To keep it, raise nofile in /etc/security/limits.conf (or LimitNOFILE "
     "in a systemd unit).",
     {"echo \"$(whoami) soft nofile {newlimit}\" | sudo tee -a "
      "/etc/security/limits.conf",
      NULL}},
    {"darwin", "bash", NULL, NULL, "Raise the launchd limit as well.",
     {"sudo launchctl limit maxfiles {newlimit} 200000", NULL}},
    {"all", NULL, NULL, NULL,
     "Open fewer files at once: queue opens (graceful-fs, or fsdoctor.fs with "
     "maxOpen) and close descriptors you no longer need.",
     {NULL}},
    END};

static const fsd__fix_t fsd__fix_watch[] = {
    {"linux", "bash", NULL, NULL,
     "The inotify limit ({limit}) is used up. Raise it now and keep it "
     "across reboots.",
     {"sysctl fs.inotify.max_user_watches fs.inotify.max_user_instances",
      "sudo sysctl fs.inotify.max_user_watches={newlimit}",
      "echo fs.inotify.max_user_watches={newlimit} | sudo tee "
      "/etc/sysctl.d/60-inotify.conf",
      NULL}},
    {"all", NULL, NULL, NULL,
     "Watch less: exclude node_modules and build output from watchers "
     "(files.watcherExclude in editors, ignored in chokidar/webpack).",
     {NULL}},
    END};

static const fsd__fix_t fsd__fix_enfile[] = {
    {"linux", "bash", NULL, NULL,
     "The system-wide file table is full ({limit}). Find the process with "
     "the most descriptors, then raise fs.file-max if the load is real.",
     {"cat /proc/sys/fs/file-nr",
      "for p in /proc/[0-9]*; do echo \"$(ls $p/fd 2>/dev/null | wc -l) "
      "${p#/proc/}\"; done | sort -n | tail",
      "sudo sysctl fs.file-max={newlimit}", NULL}},
    {"darwin", "bash", NULL, NULL, "Raise the kernel's file limit.",
     {"sysctl kern.maxfiles", "sudo sysctl kern.maxfiles={newlimit}", NULL}},
    END};

static const fsd__fix_t fsd__fix_full[] = {
    {"posix", "bash", NULL, NULL,
     "{mount} has no free space. See what uses it and free some; npm's cache "
     "is often large.",
     {"df -h {mount}", "du -xh --max-depth=1 {mount} | sort -h | tail",
      "npm cache clean --force", NULL}},
    {"win32", "powershell", NULL, NULL,
     "The drive is full. Free space (Disk Cleanup, npm's cache).",
     {"Get-PSDrive -PSProvider FileSystem", "npm cache clean --force", NULL}},
    END};

static const fsd__fix_t fsd__fix_inodes[] = {
    {"posix", "bash", NULL, NULL,
     "{mount} has free space but no free inodes: too many small files. Find "
     "the directories with the most entries and remove some.",
     {"df -i {mount}", "du --inodes -x {mount} 2>/dev/null | sort -n | tail",
      "npm cache clean --force", NULL}},
    END};

static const fsd__fix_t fsd__fix_quota[] = {
    {"posix", "bash", NULL, NULL,
     "Your disk quota on {mount} is used up. Free space you own or ask for a "
     "larger quota.",
     {"quota -s", "npm cache clean --force", NULL}},
    {"win32", "cmd", NULL, NULL, "Your disk quota is used up.",
     {"fsutil quota query {mount}", NULL}},
    END};

static const fsd__fix_t fsd__fix_long[] = {
    {"win32", "powershell", NULL, NULL,
     "Allow long paths in Windows (PowerShell as administrator), then start "
     "a new shell.",
     {"New-ItemProperty -Path "
      "'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\FileSystem' -Name "
      "LongPathsEnabled -Value 1 -PropertyType DWORD -Force",
      NULL}},
    {"win32", "cmd", NULL, NULL, "Allow long paths in Windows (as administrator).",
     {"reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem /v "
      "LongPathsEnabled /t REG_DWORD /d 1 /f",
      NULL}},
    {"all", NULL, NULL, NULL, "Let git handle long paths too.",
     {"git config --global core.longpaths true", NULL}},
    {"win32", NULL, NULL, NULL,
     "Or move the project closer to the drive root (C:\\src\\app) and remove "
     "the old node_modules with a remover that copes with long paths.",
     {"npx rimraf node_modules", NULL}},
    {"posix", NULL, NULL, NULL,
     "A name in the path is {nameLength} bytes; {fstype} allows {nameMax} "
     "(encrypted home directories allow fewer). Use a shorter name or another "
     "filesystem.",
     {NULL}},
    END};

static const fsd__fix_t fsd__fix_xdev[] = {
    {"all", NULL, NULL, NULL,
     "rename() cannot move between filesystems ({mount} and {destMount}). "
     "Copy and then delete, or keep both paths on one filesystem (for "
     "example TMPDIR or npm's cache next to the project).",
     {NULL}},
    {"posix", "bash", NULL, NULL, "Move it with a tool that copies across mounts.",
     {"mv {path} {dest}", NULL}},
    END};

static const fsd__fix_t fsd__fix_txtbsy[] = {
    {"posix", "bash", NULL, "pid",
     "{name} (pid {pid}) is running {path}. Stop it before replacing the "
     "file.",
     {"kill {pid}", NULL}},
    {"posix", "bash", NULL, NULL,
     "Replace a running program by writing a new file and renaming it over "
     "the old one instead of writing in place.",
     {"cp new-binary {path}.new && mv -f {path}.new {path}", NULL}},
    END};

static const fsd__fix_t fsd__fix_mntbusy[] = {
    {"linux", "bash", NULL, NULL,
     "{mount} is a mount point. Unmount it first, or (in a container, where "
     "it is a volume) delete its contents instead of the directory.",
     {"findmnt {mount}", "sudo umount {mount}",
      "find {mount} -mindepth 1 -delete", NULL}},
    {"darwin", "bash", NULL, NULL, "{mount} is a mount point. Unmount it first.",
     {"diskutil unmount {mount}", NULL}},
    END};

static const fsd__fix_t fsd__fix_notempty[] = {
    {"all", NULL, NULL, NULL,
     "Something is still in {path}: leftovers, or a process writing while it "
     "was removed. Stop writers and remove it with a retrying remover.",
     {"npx rimraf {path}", NULL}},
    {"posix", "bash", NULL, "pid", "{name} (pid {pid}) is using it.",
     {"kill {pid}", NULL}},
    {"posix", "bash", NULL, NULL, "Or remove it directly.",
     {"rm -rf {path}", NULL}},
    {"win32", "powershell", NULL, NULL, "Or remove it directly.",
     {"Remove-Item -LiteralPath {path} -Recurse -Force", NULL}},
    {"win32", "cmd", NULL, NULL, "Or remove it directly.",
     {"rmdir /s /q {path}", NULL}},
    END};

static const fsd__fix_t fsd__fix_cache[] = {
    {"all", NULL, NULL, NULL,
     "npm's cache ({cache}) has leftovers from an interrupted write. Verify "
     "it, and clear it if verification does not help.",
     {"npm cache verify", "npm cache clean --force", NULL}},
    {"posix", "bash", NULL, NULL,
     "If an earlier sudo npm left root-owned files in the cache, take them "
     "back.",
     {"sudo chown -R $(whoami) {cache}", NULL}},
    {"win32", "powershell", NULL, NULL, "Remove the cache's temporary files.",
     {"Remove-Item -Recurse -Force (Join-Path {cache} '_cacache\\tmp')", NULL}},
    {"all", NULL, NULL, NULL,
     "If the cache is on a network or synced drive, move it to a local path.",
     {"npm config set cache ~/.npm", NULL}},
    END};

static const fsd__fix_t fsd__fix_protected[] = {
    {"win32", "powershell", NULL, NULL,
     "{dir} is a protected system folder. Move the project under your user "
     "folder, or run the shell as administrator if writing there is "
     "intended.",
     {"Move-Item -LiteralPath {project} -Destination $HOME", NULL}},
    {"posix", "bash", NULL, NULL,
     "{dir} is a system location. Keep projects and npm's global prefix in "
     "your home directory instead of using sudo.",
     {"npm config set prefix ~/.npm-global", NULL}},
    {"darwin", NULL, NULL, NULL,
     "/System is protected by System Integrity Protection even for root; "
     "write elsewhere.",
     {NULL}},
    END};

static const fsd__fix_t fsd__fix_unknown[] = {
    {"all", NULL, NULL, NULL,
     "Run the command again with verbose logging and diagnose the full log; "
     "the lines before the error name the path and system call.",
     {"npm install --loglevel verbose", NULL}},
    END};

const fsd__cause_t fsd__causes[] = {
    {"file-locked", "Another process has the file open", 1, fsd__fix_locked},
    {"symlink-privilege", "This account may not create symlinks", 0,
     fsd__fix_symlink_priv},
    {"fs-no-symlinks", "The filesystem cannot store symlinks", 0,
     fsd__fix_no_symlinks},
    {"fs-no-hardlinks", "The filesystem cannot store hard links", 0,
     fsd__fix_no_hardlinks},
    {"readonly-attribute", "The read-only attribute is set", 0,
     fsd__fix_readonly_attr},
    {"permission-denied", "Permission bits deny this user", 0, fsd__fix_perm},
    {"wrong-owner", "The files belong to another user", 0, fsd__fix_owner},
    {"immutable-file", "The immutable or append-only flag is set", 0,
     fsd__fix_immutable},
    {"read-only-fs", "The filesystem is mounted read-only", 0, fsd__fix_rofs},
    {"global-prefix-not-writable", "npm's global prefix is not writable", 0,
     fsd__fix_prefix},
    {"network-fs", "The path is on a network filesystem", 0, fsd__fix_network},
    {"wsl-windows-mount", "A WSL project on a Windows drive", 0,
     fsd__fix_wslmount},
    {"wsl-mixed-node", "Windows node is running inside WSL", 0,
     fsd__fix_wslnode},
    {"hard-link-limit", "The file is at the hard-link limit", 0,
     fsd__fix_linkmax},
    {"subdirectory-limit", "The directory is at the subdirectory limit", 0,
     fsd__fix_subdirs},
    {"symlink-loop", "Symlinks form a loop", 0, fsd__fix_loop},
    {"broken-symlink", "A symlink on the path points at nothing", 0,
     fsd__fix_broken},
    {"too-many-open-files", "This process ran out of file descriptors", 1,
     fsd__fix_emfile},
    {"watcher-limit", "The file watcher limit is reached", 0, fsd__fix_watch},
    {"file-table-full", "The system file table is full", 1, fsd__fix_enfile},
    {"disk-full", "The disk is full", 0, fsd__fix_full},
    {"inodes-exhausted", "The filesystem has no free inodes", 0,
     fsd__fix_inodes},
    {"quota-exceeded", "The disk quota is used up", 0, fsd__fix_quota},
    {"path-too-long", "The path or a name in it is too long", 0,
     fsd__fix_long},
    {"cross-device", "Rename across filesystems", 0, fsd__fix_xdev},
    {"text-file-busy", "The file is a running program", 1, fsd__fix_txtbsy},
    {"mount-point-busy", "The path is a mount point", 0, fsd__fix_mntbusy},
    {"dir-not-empty", "The directory is not empty", 1, fsd__fix_notempty},
    {"corrupted-cache", "npm's cache has broken leftovers", 0,
     fsd__fix_cache},
    {"protected-location", "A protected system location", 0,
     fsd__fix_protected},
    {"unknown", "No known cause matched", 0, fsd__fix_unknown},
};

const size_t fsd__ncauses = sizeof(fsd__causes) / sizeof(fsd__causes[0]);

