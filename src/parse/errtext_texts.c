/* What systems and tools say for an error, in words and in numbers: the
 * tables the loose pass (errtext_loose.c) reads a line against. */

#include "parse/errtext_int.h"

#include <string.h>

/* The system's texts for an error, lower-case, longest first where one
 * contains another. plat names the one platform whose text it is; call the
 * system call the text itself says. */
const fsd__text_t fsd__texts[] = {
    /* Node's and libuv's own texts for the watcher limit on Linux */
    {"system limit for number of file watchers reached", "ENOSPC", "linux",
     "watch"},
    {"user limit on inotify watches reached", "ENOSPC", "linux", "watch"},
    {"inotify watch limit reached", "ENOSPC", "linux", "watch"},
    {"upper limit on inotify watches reached", "ENOSPC", "linux", "watch"},
    /* Windows (FormatMessage) */
    {"the process cannot access the file because it is being used by "
     "another process", "EBUSY", "win32", NULL},
    {"being used by another process", "EBUSY", "win32", NULL},
    /* .NET puts the path inside: "The process cannot access the file
     * 'C:\\x' because it is being used by another process." */
    {"the process cannot access the file", "EBUSY", "win32", NULL},
    /* MSBuild's copy (MSB3027): "The file is locked by: "Code.exe (12345)"" */
    {"the file is locked by:", "EBUSY", "win32", NULL},
    {"another process has locked a portion of the file", "EBUSY", "win32",
     NULL},
    {"there is not enough space on the disk", "ENOSPC", "win32", NULL},
    {"the system cannot find the path specified", "ENOENT", "win32", NULL},
    {"the system cannot find the file specified", "ENOENT", "win32", NULL},
    {"the directory is not empty", "ENOTEMPTY", "win32", NULL},
    {"a required privilege is not held by the client", "EPERM", "win32",
     "symlink"},
    {"the filename or extension is too long", "ENAMETOOLONG", "win32", NULL},
    /* .NET, PowerShell and MSBuild (MAX_PATH), git for Windows */
    {"the specified path, file name, or both are too long", "ENAMETOOLONG",
     "win32", NULL},
    {"file name, or both are too long", "ENAMETOOLONG", "win32", NULL},
    {"the fully qualified file name must be less than 260 characters",
     "ENAMETOOLONG", "win32", NULL},
    {"filename too long", "ENAMETOOLONG", "win32", NULL},
    {"(path too long)", "ENAMETOOLONG", "win32", NULL},
    {"the media is write protected", "EROFS", "win32", NULL},
    {"cannot create a file when that file already exists", "EEXIST", "win32",
     NULL},
    {"cannot move the file to a different disk drive", "EXDEV", "win32",
     NULL},
    {"access is denied", "EPERM", "win32", NULL},
    /* cmd.exe started in a \\server\share (\\wsl$) directory: no errno */
    {"unc paths are not supported", "UNKNOWN", "win32", NULL},
    /* .NET's UnauthorizedAccessException: "Access to the path 'C:\x' is
     * denied." */
    {"access to the path", "EPERM", "win32", NULL},
    /* glibc, macOS and libuv (uv_strerror) */
    {"too many open files in system", "ENFILE", NULL, NULL},
    {"file table overflow", "ENFILE", NULL, NULL},
    {"too many open files", "EMFILE", NULL, NULL},
    {"too many files open", "EMFILE", NULL, NULL}, /* Python's paraphrase */
    {"no space left on device", "ENOSPC", NULL, NULL},
    {"disk quota exceeded", "EDQUOT", NULL, NULL},
    {"disc quota exceeded", "EDQUOT", "darwin", NULL},
    {"resource busy or locked", "EBUSY", NULL, NULL},
    {"device or resource busy", "EBUSY", "linux", NULL},
    {"device is busy", "EBUSY", "linux", NULL}, /* older umount, Docker */
    {"resource busy", "EBUSY", NULL, NULL},
    {"operation not permitted", "EPERM", NULL, NULL},
    /* npm's own check before it writes: "Missing write access to /x" */
    {"missing write access to", "EACCES", NULL, "access"},
    {"permission denied", "EACCES", NULL, NULL},
    {"read-only file system", "EROFS", NULL, NULL},
    {"too many levels of symbolic links", "ELOOP", NULL, NULL},
    {"too many symbolic links encountered", "ELOOP", NULL, NULL},
    {"too many links", "EMLINK", NULL, NULL},
    {"file name too long", "ENAMETOOLONG", NULL, NULL},
    {"name too long", "ENAMETOOLONG", NULL, NULL},
    {"argument list too long", "E2BIG", NULL, NULL},
    {"command line too long", "E2BIG", NULL, "spawn"},
    {"the command line is too long", "E2BIG", "win32", "spawn"}, /* cmd.exe */
    {"invalid cross-device link", "EXDEV", NULL, NULL},
    {"cross-device link not permitted", "EXDEV", NULL, NULL},
    {"cross-device link", "EXDEV", NULL, NULL},
    {"text file busy", "ETXTBSY", NULL, NULL},
    {"text file is busy", "ETXTBSY", NULL, NULL},
    {"directory not empty", "ENOTEMPTY", NULL, NULL},
    {"illegal operation on a directory", "EISDIR", NULL, NULL},
    {"is a directory", "EISDIR", NULL, NULL},
    {"not a directory", "ENOTDIR", NULL, NULL},
    {"no such file or directory", "ENOENT", NULL, NULL},
    {"file already exists", "EEXIST", NULL, NULL},
    {"file exists", "EEXIST", NULL, NULL},
    {"stale file handle", "ESTALE", NULL, NULL},
    {"stale nfs file handle", "ESTALE", NULL, NULL},
    {"has maximum number of links", "EMLINK", NULL, "link"},
    {"input/output error", "EIO", NULL, NULL},
    {"i/o error", "EIO", NULL, NULL},
    /* Java's java.nio.file exceptions and Dart's dart:io ones name the
     * error in the class, the path after it */
    {"accessdeniedexception", "EACCES", NULL, NULL},
    {"nosuchfileexception", "ENOENT", NULL, NULL},
    {"filealreadyexistsexception", "EEXIST", NULL, NULL},
    {"directorynotemptyexception", "ENOTEMPTY", NULL, NULL},
    {"notdirectoryexception", "ENOTDIR", NULL, NULL},
    {"filesystemloopexception", "ELOOP", NULL, NULL},
    {"pathexistsexception", "EEXIST", NULL, NULL},
    {"pathnotfoundexception", "ENOENT", NULL, NULL},
    {"pathaccessexception", "EACCES", NULL, NULL},
    /* Windows' ERROR_ALREADY_EXISTS and sharing violation in other words */
    {"no se puede crear un archivo que ya existe", "EEXIST", "win32", NULL},
    {"impossible de créer un fichier déjà existant", "EEXIST", "win32", NULL},
    {"used by another process", "EBUSY", "win32", NULL},
    /* More tools' words */
    {"privilege not held", "EPERM", "win32", "symlink"},
    {"function not implemented", "ENOSYS", NULL, NULL},
    {"on the number of inotify instances", "EMFILE", "linux", "watch"},
    {"would be too long for the destination folder", "ENAMETOOLONG", "win32",
     NULL}, /* Explorer */
    {"destination path too long", "ENAMETOOLONG", "win32", NULL},
    {"mounted in read-only mode", "EROFS", NULL, NULL},
    {"a subdirectory or file", "EEXIST", "win32", "mkdir"}, /* cmd's md */
    {"with that name already exist", "EEXIST", NULL, NULL},
    /* Gradle: "Unable to delete directory ... a process has files open" */
    {"a process has files open", "EBUSY", NULL, "rmdir"},
    /* Windows in other languages (FormatMessage): access denied, sharing
     * violation, file and path not found, privilege not held */
    {"accès refusé", "EPERM", "win32", NULL},
    {"zugriff verweigert", "EPERM", "win32", NULL},
    {"acceso denegado", "EPERM", "win32", NULL},
    {"accesso negato", "EPERM", "win32", NULL},
    {"acesso negado", "EPERM", "win32", NULL},
    {"toegang geweigerd", "EPERM", "win32", NULL},
    {"拒绝访问", "EPERM", "win32", NULL},
    {"アクセスが拒否されました", "EPERM", "win32", NULL},
    {"отказано в доступе", "EPERM", "win32", NULL},
    {"erişim engellendi", "EPERM", "win32", NULL},
    {"utilisé par un autre processus", "EBUSY", "win32", NULL},
    {"von einem anderen prozess verwendet", "EBUSY", "win32", NULL},
    {"utilizado por otro proceso", "EBUSY", "win32", NULL},
    {"utilizzato da un altro processo", "EBUSY", "win32", NULL},
    {"usado por outro processo", "EBUSY", "win32", NULL},
    {"door een ander proces wordt gebruikt", "EBUSY", "win32", NULL},
    {"另一个程序正在使用此文件", "EBUSY", "win32", NULL},
    {"別のプロセスが使用中", "EBUSY", "win32", NULL},
    {"занят другим процессом", "EBUSY", "win32", NULL},
    {"系统找不到指定的文件", "ENOENT", "win32", NULL},
    {"系统找不到指定的路径", "ENOENT", "win32", NULL},
    {"het systeem kan het opgegeven", "ENOENT", "win32", NULL},
    {"das system kann die angegebene datei nicht finden", "ENOENT", "win32",
     NULL},
    {"das system kann den angegebenen pfad nicht finden", "ENOENT", "win32",
     NULL},
    {"le fichier spécifié est introuvable", "ENOENT", "win32", NULL},
    {"le chemin d'accès spécifié est introuvable", "ENOENT", "win32", NULL},
    {"el sistema no puede encontrar", "ENOENT", "win32", NULL},
    {"指定されたファイルが見つかりません", "ENOENT", "win32", NULL},
    {"指定されたパスが見つかりません", "ENOENT", "win32", NULL},
    {"客户端没有所需的特权", "EPERM", "win32", "symlink"},
    {"dem client fehlt ein erforderliches recht", "EPERM", "win32",
     "symlink"},
    {"le client ne dispose pas d'un privilège nécessaire", "EPERM", "win32",
     "symlink"},
    {"istemci gerekli ayrıcalığa sahip değil", "EPERM", "win32", "symlink"},
    /* glibc's own translations (its libc.mo catalogues, read with
     * gettext): Linux in another language */
    /* fr */
    {"trop de niveaux de liens", "ELOOP", "linux", NULL},
    {"aucun fichier ou dossier de ce type", "ENOENT", "linux", NULL},
    {"permission non accordée", "EACCES", "linux", NULL},
    {"le fichier existe", "EEXIST", "linux", NULL},
    {"aucun espace disponible sur le périphérique", "ENOSPC", "linux", NULL},
    {"système de fichiers accessible en lecture seulement", "EROFS", "linux", NULL},
    {"périphérique ou ressource occupé", "EBUSY", "linux", NULL},
    {"opération non permise", "EPERM", "linux", NULL},
    {"trop de fichiers ouverts", "EMFILE", "linux", NULL},
    {"le dossier n'est pas vide", "ENOTEMPTY", "linux", NULL},
    {"nom de fichier trop long", "ENAMETOOLONG", "linux", NULL},
    {"lien physique inter-périphérique invalide", "EXDEV", "linux", NULL},
    {"n'est pas un dossier", "ENOTDIR", "linux", NULL},
    {"est un dossier", "EISDIR", "linux", NULL},
    {"débordement du quota d'espace disque", "EDQUOT", "linux", NULL},
    {"fichier texte occupé", "ETXTBSY", "linux", NULL},
    {"liste d'arguments trop longue", "E2BIG", "linux", NULL},
    {"trop de liens", "EMLINK", "linux", NULL},
    /* de */
    {"zu viele ebenen aus symbolischen links", "ELOOP", "linux", NULL},
    {"datei oder verzeichnis nicht gefunden", "ENOENT", "linux", NULL},
    {"keine berechtigung", "EACCES", "linux", NULL},
    {"die datei existiert bereits", "EEXIST", "linux", NULL},
    {"auf dem gerät ist kein speicherplatz mehr verfügbar", "ENOSPC", "linux", NULL},
    {"das dateisystem ist nur lesbar", "EROFS", "linux", NULL},
    {"das gerät oder die ressource ist belegt", "EBUSY", "linux", NULL},
    {"die operation ist nicht erlaubt", "EPERM", "linux", NULL},
    {"zu viele offene dateien", "EMFILE", "linux", NULL},
    {"das verzeichnis ist nicht leer", "ENOTEMPTY", "linux", NULL},
    {"der dateiname ist zu lang", "ENAMETOOLONG", "linux", NULL},
    {"ungültiger link über gerätegrenzen hinweg", "EXDEV", "linux", NULL},
    {"ist kein verzeichnis", "ENOTDIR", "linux", NULL},
    {"ist ein verzeichnis", "EISDIR", "linux", NULL},
    {"der zugewiesene plattenplatz (quota) ist überschritten", "EDQUOT", "linux", NULL},
    {"das programm kann nicht ausgeführt oder verändert werden (busy)", "ETXTBSY", "linux", NULL},
    {"die argumentliste ist zu lang", "E2BIG", "linux", NULL},
    {"zu viele links", "EMLINK", "linux", NULL},
    /* es */
    {"demasiados niveles de enlaces simbólicos", "ELOOP", "linux", NULL},
    {"no existe el fichero o el directorio", "ENOENT", "linux", NULL},
    {"permiso denegado", "EACCES", "linux", NULL},
    {"el fichero ya existe", "EEXIST", "linux", NULL},
    {"no queda espacio en el dispositivo", "ENOSPC", "linux", NULL},
    {"sistema de ficheros de sólo lectura", "EROFS", "linux", NULL},
    {"dispositivo o recurso ocupado", "EBUSY", "linux", NULL},
    {"operación no permitida", "EPERM", "linux", NULL},
    {"demasiados ficheros abiertos", "EMFILE", "linux", NULL},
    {"el directorio no está vacío", "ENOTEMPTY", "linux", NULL},
    {"nombre de fichero demasiado largo", "ENAMETOOLONG", "linux", NULL},
    {"enlace cruzado entre dispositivos no permitido", "EXDEV", "linux", NULL},
    {"no es un directorio", "ENOTDIR", "linux", NULL},
    {"es un directorio", "EISDIR", "linux", NULL},
    {"se ha excedido la cuota de disco", "EDQUOT", "linux", NULL},
    {"el fichero de texto está ocupado", "ETXTBSY", "linux", NULL},
    {"la lista de argumentos es demasiado larga", "E2BIG", "linux", NULL},
    {"demasiados enlaces", "EMLINK", "linux", NULL},
    /* pt_BR */
    {"muitos níveis de links simbólicos", "ELOOP", "linux", NULL},
    {"arquivo ou diretório inexistente", "ENOENT", "linux", NULL},
    {"permissão negada", "EACCES", "linux", NULL},
    {"arquivo existe", "EEXIST", "linux", NULL},
    {"não há espaço disponível no dispositivo", "ENOSPC", "linux", NULL},
    {"sistema de arquivos somente para leitura", "EROFS", "linux", NULL},
    {"dispositivo ou recurso está ocupado", "EBUSY", "linux", NULL},
    {"operação não permitida", "EPERM", "linux", NULL},
    {"muitos arquivos abertos", "EMFILE", "linux", NULL},
    {"diretório não vazio", "ENOTEMPTY", "linux", NULL},
    {"nome de arquivo muito longo", "ENAMETOOLONG", "linux", NULL},
    {"link entre dispositivos inválido", "EXDEV", "linux", NULL},
    {"não é um diretório", "ENOTDIR", "linux", NULL},
    {"É um diretório", "EISDIR", "linux", NULL},
    {"cota da disco excedida", "EDQUOT", "linux", NULL},
    {"Área de texto ocupada", "ETXTBSY", "linux", NULL},
    {"lista de argumentos muito longa", "E2BIG", "linux", NULL},
    {"muitos links", "EMLINK", "linux", NULL},
    /* it */
    {"troppi livelli di collegamenti simbolici", "ELOOP", "linux", NULL},
    {"file o directory non esistente", "ENOENT", "linux", NULL},
    {"permesso negato", "EACCES", "linux", NULL},
    {"file già esistente", "EEXIST", "linux", NULL},
    {"spazio esaurito sul device", "ENOSPC", "linux", NULL},
    {"file system in sola lettura", "EROFS", "linux", NULL},
    {"dispositivo o risorsa occupata", "EBUSY", "linux", NULL},
    {"operazione non permessa", "EPERM", "linux", NULL},
    {"troppi file aperti", "EMFILE", "linux", NULL},
    {"directory non vuota", "ENOTEMPTY", "linux", NULL},
    {"nome del file troppo lungo", "ENAMETOOLONG", "linux", NULL},
    {"collegamento tra dispositivi non valido", "EXDEV", "linux", NULL},
    {"non è una directory", "ENOTDIR", "linux", NULL},
    {"È una directory", "EISDIR", "linux", NULL},
    {"quota disco superata", "EDQUOT", "linux", NULL},
    {"file di testo occupato", "ETXTBSY", "linux", NULL},
    {"elenco degli argomenti troppo lungo", "E2BIG", "linux", NULL},
    {"troppi collegamenti", "EMLINK", "linux", NULL},
    /* ru */
    {"Слишком много уровней символьных ссылок", "ELOOP", "linux", NULL},
    {"Нет такого файла или каталога", "ENOENT", "linux", NULL},
    {"Отказано в доступе", "EACCES", "linux", NULL},
    {"Файл существует", "EEXIST", "linux", NULL},
    {"На устройстве не осталось свободного места", "ENOSPC", "linux", NULL},
    {"Файловая система доступна только для чтения", "EROFS", "linux", NULL},
    {"Устройство или ресурс занято", "EBUSY", "linux", NULL},
    {"Операция не позволена", "EPERM", "linux", NULL},
    {"Слишком много открытых файлов", "EMFILE", "linux", NULL},
    {"Каталог не пуст", "ENOTEMPTY", "linux", NULL},
    {"Слишком длинное имя файла", "ENAMETOOLONG", "linux", NULL},
    {"Неверная ссылка между устройствами", "EXDEV", "linux", NULL},
    {"Это не каталог", "ENOTDIR", "linux", NULL},
    {"Это каталог", "EISDIR", "linux", NULL},
    {"Превышена дисковая квота", "EDQUOT", "linux", NULL},
    {"Текстовый файл занят", "ETXTBSY", "linux", NULL},
    {"Слишком длинный список аргументов", "E2BIG", "linux", NULL},
    {"Слишком много ссылок", "EMLINK", "linux", NULL},
    /* zh_CN */
    {"符号连接的层数过多", "ELOOP", "linux", NULL},
    {"没有那个文件或目录", "ENOENT", "linux", NULL},
    {"权限不够", "EACCES", "linux", NULL},
    {"文件已存在", "EEXIST", "linux", NULL},
    {"设备上没有空间", "ENOSPC", "linux", NULL},
    {"只读文件系统", "EROFS", "linux", NULL},
    {"设备或资源忙", "EBUSY", "linux", NULL},
    {"不允许的操作", "EPERM", "linux", NULL},
    {"打开的文件过多", "EMFILE", "linux", NULL},
    {"目录非空", "ENOTEMPTY", "linux", NULL},
    {"文件名过长", "ENAMETOOLONG", "linux", NULL},
    {"无效的跨设备链接", "EXDEV", "linux", NULL},
    {"不是目录", "ENOTDIR", "linux", NULL},
    {"是一个目录", "EISDIR", "linux", NULL},
    {"超出磁盘限额", "EDQUOT", "linux", NULL},
    {"文本文件忙", "ETXTBSY", "linux", NULL},
    {"参数列表过长", "E2BIG", "linux", NULL},
    {"过多的链接", "EMLINK", "linux", NULL},
    /* zh_TW */
    {"太多層級的符號連結檔", "ELOOP", "linux", NULL},
    {"沒有此一檔案或目錄", "ENOENT", "linux", NULL},
    {"拒絕不符權限的操作", "EACCES", "linux", NULL},
    {"檔案已存在", "EEXIST", "linux", NULL},
    {"裝置上已無多餘空間", "ENOSPC", "linux", NULL},
    {"唯讀的檔案系統", "EROFS", "linux", NULL},
    {"裝置或系統資源忙碌中", "EBUSY", "linux", NULL},
    {"此項操作並不被允許", "EPERM", "linux", NULL},
    {"開啟太多檔案", "EMFILE", "linux", NULL},
    {"目錄不是空的", "ENOTEMPTY", "linux", NULL},
    {"檔名太長", "ENAMETOOLONG", "linux", NULL},
    {"不適用的裝置間連結", "EXDEV", "linux", NULL},
    {"並不是一個目錄", "ENOTDIR", "linux", NULL},
    {"是個目錄", "EISDIR", "linux", NULL},
    {"磁碟配額已滿", "EDQUOT", "linux", NULL},
    {"文字檔忙錄中", "ETXTBSY", "linux", NULL},
    {"引數列項目過長", "E2BIG", "linux", NULL},
    {"太多連結", "EMLINK", "linux", NULL},
    /* ja */
    {"シンボリックリンクの階層が多すぎます", "ELOOP", "linux", NULL},
    {"そのようなファイルやディレクトリはありません", "ENOENT", "linux", NULL},
    {"許可がありません", "EACCES", "linux", NULL},
    {"ファイルが存在します", "EEXIST", "linux", NULL},
    {"デバイスに空き領域がありません", "ENOSPC", "linux", NULL},
    {"読み込み専用ファイルシステムです", "EROFS", "linux", NULL},
    {"デバイスもしくはリソースがビジー状態です", "EBUSY", "linux", NULL},
    {"許可されていない操作です", "EPERM", "linux", NULL},
    {"ファイルを開きすぎです", "EMFILE", "linux", NULL},
    {"ディレクトリは空ではありません", "ENOTEMPTY", "linux", NULL},
    {"ファイル名が長すぎます", "ENAMETOOLONG", "linux", NULL},
    {"無効なクロスデバイスリンクです", "EXDEV", "linux", NULL},
    {"ディレクトリではありません", "ENOTDIR", "linux", NULL},
    {"ディレクトリです", "EISDIR", "linux", NULL},
    {"ディスク使用量制限を超過しました", "EDQUOT", "linux", NULL},
    {"テキストファイルがビジー状態です", "ETXTBSY", "linux", NULL},
    {"引数リストが長すぎます", "E2BIG", "linux", NULL},
    {"リンクが多すぎます", "EMLINK", "linux", NULL},
    /* ko */
    {"기호 연결의 단계가 너무 많음", "ELOOP", "linux", NULL},
    {"그런 파일이나 디렉터리가 없습니다", "ENOENT", "linux", NULL},
    {"허가 거부", "EACCES", "linux", NULL},
    {"파일이 있습니다", "EEXIST", "linux", NULL},
    {"장치에 남은 공간이 없음", "ENOSPC", "linux", NULL},
    {"읽기전용 파일 시스템", "EROFS", "linux", NULL},
    {"장치나 자원이 동작 중", "EBUSY", "linux", NULL},
    {"명령을 허용하지 않음", "EPERM", "linux", NULL},
    {"열린 파일이 너무 많음", "EMFILE", "linux", NULL},
    {"디렉터리가 비어있지 않음", "ENOTEMPTY", "linux", NULL},
    {"파일 이름이 너무 깁니다", "ENAMETOOLONG", "linux", NULL},
    {"부적절한 장치간 연결", "EXDEV", "linux", NULL},
    {"디렉터리가 아닙니다", "ENOTDIR", "linux", NULL},
    {"디렉터리입니다", "EISDIR", "linux", NULL},
    {"디스크 할당량이 초과됨", "EDQUOT", "linux", NULL},
    {"실행 파일 사용 중", "ETXTBSY", "linux", NULL},
    {"인수 명단이 너무 김", "E2BIG", "linux", NULL},
    {"연결이 너무 많음", "EMLINK", "linux", NULL},
    /* pl */
    {"za duże zagnieżdżenie dowiązań symbolicznych", "ELOOP", "linux", NULL},
    {"nie ma takiego pliku ani katalogu", "ENOENT", "linux", NULL},
    {"brak dostępu", "EACCES", "linux", NULL},
    {"plik istnieje", "EEXIST", "linux", NULL},
    {"brak miejsca na urządzeniu", "ENOSPC", "linux", NULL},
    {"system plików wyłącznie do odczytu", "EROFS", "linux", NULL},
    {"urządzenie lub zasoby zajęte", "EBUSY", "linux", NULL},
    {"operacja niedozwolona", "EPERM", "linux", NULL},
    {"za dużo otwartych plików", "EMFILE", "linux", NULL},
    {"katalog nie jest pusty", "ENOTEMPTY", "linux", NULL},
    {"za długa nazwa pliku", "ENAMETOOLONG", "linux", NULL},
    {"błędne dowiązanie między urządzeniami", "EXDEV", "linux", NULL},
    {"nie jest katalogiem", "ENOTDIR", "linux", NULL},
    {"jest katalogiem", "EISDIR", "linux", NULL},
    {"przekroczony limit dyskowy", "EDQUOT", "linux", NULL},
    {"plik wykonywalny zajęty", "ETXTBSY", "linux", NULL},
    {"lista argumentów za długa", "E2BIG", "linux", NULL},
    {"za dużo dowiązań", "EMLINK", "linux", NULL},
    /* nl */
    {"te veel niveaus van symbolische koppelingen -- vermoedelijk een lus", "ELOOP", "linux", NULL},
    {"bestand of map bestaat niet", "ENOENT", "linux", NULL},
    {"bestand bestaat al", "EEXIST", "linux", NULL},
    {"geen ruimte meer over op apparaat", "ENOSPC", "linux", NULL},
    {"bestandssysteem is alleen-lezen", "EROFS", "linux", NULL},
    {"apparaat of hulpbron is bezig", "EBUSY", "linux", NULL},
    {"actie is niet toegestaan", "EPERM", "linux", NULL},
    {"te veel open bestanden", "EMFILE", "linux", NULL},
    {"map is niet leeg", "ENOTEMPTY", "linux", NULL},
    {"bestandsnaam is te lang", "ENAMETOOLONG", "linux", NULL},
    {"ongeldige koppeling tussen apparaten", "EXDEV", "linux", NULL},
    {"is geen map", "ENOTDIR", "linux", NULL},
    {"is een map", "EISDIR", "linux", NULL},
    {"schijfquotum is overschreden", "EDQUOT", "linux", NULL},
    {"tekstbestand is in gebruik", "ETXTBSY", "linux", NULL},
    {"argumentenlijst is te lang", "E2BIG", "linux", NULL},
    {"te veel koppelingen", "EMLINK", "linux", NULL},
    /* tr */
    {"sembolik bağların seviyeleri çok fazla", "ELOOP", "linux", NULL},
    {"böyle bir dosya ya da dizin yok", "ENOENT", "linux", NULL},
    {"dosya var", "EEXIST", "linux", NULL},
    {"aygıt üzerinde boş yer yok", "ENOSPC", "linux", NULL},
    {"salt-okunur dosya sistemi", "EROFS", "linux", NULL},
    {"aygıt ya da özkaynak meşgul", "EBUSY", "linux", NULL},
    {"İşleme izin verilmedi", "EPERM", "linux", NULL},
    {"Çok fazla açık dosya var", "EMFILE", "linux", NULL},
    {"dizin boş değil", "ENOTEMPTY", "linux", NULL},
    {"dosya ismi çok uzun", "ENAMETOOLONG", "linux", NULL},
    {"karşı aygıta bağ geçersiz", "EXDEV", "linux", NULL},
    {"bir dizin değil", "ENOTDIR", "linux", NULL},
    {"bir dizin", "EISDIR", "linux", NULL},
    {"disk kotası aşıldı", "EDQUOT", "linux", NULL},
    {"metin dosyası meşgul", "ETXTBSY", "linux", NULL},
    {"argüman listesi çok uzun", "E2BIG", "linux", NULL},
    {"Çok fazla bağ var", "EMLINK", "linux", NULL},
    /* uk */
    {"Забагато рівнів символічних посилань", "ELOOP", "linux", NULL},
    {"Немає такого файла або каталогу", "ENOENT", "linux", NULL},
    {"Відмовлено у доступі", "EACCES", "linux", NULL},
    {"Файл вже існує", "EEXIST", "linux", NULL},
    {"Недостатньо місця на пристрої", "ENOSPC", "linux", NULL},
    {"Файлова система тільки для зчитування", "EROFS", "linux", NULL},
    {"Пристрій або ресурс зайнято", "EBUSY", "linux", NULL},
    {"Дію заборонено", "EPERM", "linux", NULL},
    {"Забагато відкритих файлів", "EMFILE", "linux", NULL},
    {"Каталог непорожній", "ENOTEMPTY", "linux", NULL},
    {"Некоректне перехресне посилання на пристрій", "EXDEV", "linux", NULL},
    {"Не є каталогом", "ENOTDIR", "linux", NULL},
    {"Є каталогом", "EISDIR", "linux", NULL},
    {"Перевищено квоту диска", "EDQUOT", "linux", NULL},
    {"Текстовий файл зайнято", "ETXTBSY", "linux", NULL},
    {"Занадто довгий список аргументів", "E2BIG", "linux", NULL},
    {"Забагато посилань", "EMLINK", "linux", NULL},
    /* cs */
    {"příliš mnoho úrovní symbolických odkazů", "ELOOP", "linux", NULL},
    {"adresář nebo soubor neexistuje", "ENOENT", "linux", NULL},
    {"operace zamítnuta", "EACCES", "linux", NULL},
    {"soubor již existuje", "EEXIST", "linux", NULL},
    {"na zařízení není volné místo", "ENOSPC", "linux", NULL},
    {"systém souborů je pouze pro čtení", "EROFS", "linux", NULL},
    {"zařízení nebo zdroj jsou používány", "EBUSY", "linux", NULL},
    {"operace není povolena", "EPERM", "linux", NULL},
    {"překročen limit počtu otevřených souborů", "EMFILE", "linux", NULL},
    {"adresář není prázdný", "ENOTEMPTY", "linux", NULL},
    {"příliš dlouhé jméno souboru", "ENAMETOOLONG", "linux", NULL},
    {"odkaz mezi zařízeními není přípustný", "EXDEV", "linux", NULL},
    {"není adresářem", "ENOTDIR", "linux", NULL},
    {"je adresářem", "EISDIR", "linux", NULL},
    {"překročena disková kvóta", "EDQUOT", "linux", NULL},
    {"soubor je používán", "ETXTBSY", "linux", NULL},
    {"příliš dlouhý seznam argumentů", "E2BIG", "linux", NULL},
    {"příliš mnoho odkazů", "EMLINK", "linux", NULL},
    {NULL, NULL, NULL, NULL}};

/* A Win32 error by its number, as Python ("[WinError 1314]") and other
 * tools print it ("error code(1314)") with no text a table knows: the
 * code libuv gives it, and the call the number implies. */
int fsd__win32_number(const char *s, size_t n, fsd__ev_t *ev) {
  static const struct {
    unsigned long num;
    const char *code, *call;
    int any; /* 1: named after "error code(" too, where a program's exit
              * status may stand (2, 3, 5 are exit codes as often) */
  } win[] = {{2, "ENOENT", NULL, 0},        {3, "ENOENT", NULL, 0},
             {5, "EPERM", NULL, 0},         {17, "EXDEV", NULL, 0},
             {32, "EBUSY", NULL, 1},        {33, "EBUSY", NULL, 1},
             {80, "EEXIST", NULL, 0},       {112, "ENOSPC", NULL, 0},
             {145, "ENOTEMPTY", NULL, 0},   {183, "EEXIST", NULL, 1},
             {206, "ENAMETOOLONG", NULL, 1}, {1314, "EPERM", "symlink", 1},
             {0, NULL, NULL, 0}};
  static const char *const lead[] = {"[winerror ", "error code(", NULL};
  size_t i, j, at, k;
  unsigned long num;
  for (i = 0; lead[i] != NULL; i++) {
    at = fsd__find_text(s, n, lead[i]);
    if (at >= n) continue;
    k = at + strlen(lead[i]);
    for (num = 0; k < n && fsd__is_digit((unsigned char)s[k]) && num < 100000; k++)
      num = num * 10 + (unsigned long)(s[k] - '0');
    for (j = 0; win[j].code != NULL; j++) {
      if (win[j].num != num || (i > 0 && !win[j].any)) continue;
      fsd__set_word(ev->code, sizeof(ev->code), win[j].code, strlen(win[j].code));
      if (win[j].call != NULL)
        fsd__set_word(ev->syscall, sizeof(ev->syscall), win[j].call,
                      strlen(win[j].call));
      ev->plat = "win32";
      return 1;
    }
  }
  return 0;
}


/* A code some system text above stands for: the filesystem's codes. */
static int fsd__text_code(const char *code) {
  size_t i;
  for (i = 0; fsd__texts[i].text != NULL; i++)
    if (strcmp(fsd__texts[i].code, code) == 0) return 1;
  return 0;
}

/* errno values 1 to 34 are the same on Linux, macOS and Windows' C
 * runtime: a number alone names the code anywhere. The numbers are
 * errtext_tab.c's; a number the two numberings read apart is left. */
int fsd__errno_number(const char *s, size_t n, fsd__ev_t *ev) {
  static const char *const lead[] = {"(os error ", "errcode: ", "[errno ",
                                     NULL};
  size_t i, at, k;
  unsigned long num;
  const char *code;
  for (i = 0; lead[i] != NULL; i++) {
    at = fsd__find_text(s, n, lead[i]);
    if (at >= n) continue;
    k = at + strlen(lead[i]);
    for (num = 0; k < n && fsd__is_digit((unsigned char)s[k]) && num < 1000; k++)
      num = num * 10 + (unsigned long)(s[k] - '0');
    if (num == 0 || num > 34) return 0;
    code = fsd__errno_code(-(int64_t)num, 0);
    if (code == NULL || fsd__errno_platform(-(int64_t)num, code) != NULL ||
        !fsd__text_code(code))
      return 0;
    fsd__set_word(ev->code, sizeof(ev->code), code, strlen(code));
    return 1;
  }
  return 0;
}

/* Go's exec error as tools print it (nvm-windows: "exit status 1: Access
 * is denied.", or the same in a console's code page): a failure with no
 * errno, read as UNKNOWN at the start of a line. */
int fsd__exit_status(const char *s, size_t n, fsd__ev_t *ev) {
  size_t i = 0, d;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '_' || s[i] == '*' ||
                   s[i] == '>'))
    i++;
  if (n - i < 14 || fsd__find_text(s + i, n - i, "exit status ") != 0) return 0;
  for (d = i + 12; d < n && fsd__is_digit((unsigned char)s[d]); d++)
    ;
  if (d == i + 12 || d >= n || s[d] != ':') return 0;
  fsd__set_word(ev->code, sizeof(ev->code), "UNKNOWN", 7);
  return 1;
}

/* A shell that could not run a script: dash's "<script>: <line>: <cmd>:
 * not found" (the line's last words) or "<script>: <line>: Syntax error:"
 * (a script with Windows line endings, a Windows script run by a Linux
 * shell). UNKNOWN, with the script's path. A shell's own name before the
 * number ("/bin/sh: 1: react-scripts: not found") is its -c line, a
 * command not installed, and no file's error. */
int fsd__script_failed(const char *s, size_t n, fsd__ev_t *ev) {
  static const char *const shells[] = {"sh", "bash", "dash", "zsh", "ksh", "ash", NULL};
  size_t i = 0, k, d, b, j;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  if (i >= n || s[i] != '/') return 0;
  for (k = i + 1; k + 4 < n; k++) {
    if (s[k] != ':' || s[k + 1] != ' ' || !fsd__is_digit((unsigned char)s[k + 2]))
      continue;
    for (d = k + 2; d < n && fsd__is_digit((unsigned char)s[d]); d++)
      ;
    if (d + 1 >= n || s[d] != ':' || s[d + 1] != ' ') continue;
    if (!(n - d >= 11 && memcmp(s + n - 11, ": not found", 11) == 0) &&
        fsd__find_text(s + d, n - d, "syntax error:") >= n - d)
      return 0;
    for (b = k; b > i && s[b - 1] != '/'; b--)
      ;
    for (j = 0; shells[j] != NULL; j++)
      if (k - b == strlen(shells[j]) && memcmp(s + b, shells[j], k - b) == 0) return 0;
    fsd__set_word(ev->code, sizeof(ev->code), "UNKNOWN", 7);
    fsd__set_path(ev->path, s + i, k - i);
    return 1;
  }
  return 0;
}

/* Node's "Cannot find module '<absolute path>'": require() found no file
 * there (a module name without a path is no filesystem error). ENOENT. */
int fsd__module_missing(const char *s, size_t n, fsd__ev_t *ev) {
  size_t at = fsd__find_text(s, n, "cannot find module '"), b, e;
  if (at >= n) return 0;
  b = at + 20;
  if (!(b < n && (s[b] == '/' || (b + 2 < n && fsd__is_upper((unsigned char)(s[b] & ~0x20)) &&
                                  s[b + 1] == ':' && (s[b + 2] == '\\' || s[b + 2] == '/')))))
    return 0;
  for (e = b; e < n && s[e] != '\''; e++)
    ;
  if (e >= n || e == b) return 0;
  fsd__set_word(ev->code, sizeof(ev->code), "ENOENT", 6);
  fsd__set_path(ev->path, s + b, e - b);
  return 1;
}
