"""The refusals of a backup or a restore, each one sentence in Chinese and English."""

from __future__ import annotations

from app.errors import InputRejected, ProfileError
from app.paths import DESK_PROFILE, TRAINING_PROFILE


class BackupDamaged(ProfileError):
    code = "backup.damaged"

    def __init__(self) -> None:
        super().__init__(
            "备份文件已损坏、被改动或不完整，无法恢复；请换用另一份备份。",
            "The backup file is damaged, changed or incomplete and cannot be restored; use another backup.",
        )


class NotABackup(InputRejected):
    code = "backup.format"

    def __init__(self) -> None:
        super().__init__(
            "该文件不是bizdesk备份文件；请确认选择的文件。",
            "This file is not a bizdesk backup; check which file you chose.",
        )


class BackupOfAnotherProfile(InputRejected):
    code = "backup.other_profile"

    def __init__(self, backup_profile: str | None, target: str) -> None:
        names = {
            DESK_PROFILE: ("正式环境", "the real desk"),
            TRAINING_PROFILE: ("培训环境", "the training profile"),
        }
        source_zh, source_en = names.get(backup_profile or "", ("未注明的环境", "an unnamed profile"))
        target_zh, target_en = names.get(target, (target, target))
        super().__init__(
            f"这是{source_zh}的备份，不能恢复到{target_zh}：培训数据与真实数据不得混用；"
            "请选择本环境自己的备份文件。",
            f"This is a backup of {source_en} and cannot be restored into {target_en}: training and real "
            "data never mix; choose a backup of this profile.",
            data={"backup_profile": backup_profile, "target": target},
        )


class BackupPassphraseWrong(ProfileError):
    code = "backup.wrong_passphrase"

    def __init__(self) -> None:
        super().__init__(
            "备份口令不正确，无法打开此备份文件；请核对备份时设置的口令（注意大小写），或改用IT恢复私钥。",
            "The backup passphrase is wrong and this backup file stays closed; check the passphrase set "
            "when the backup was made (case matters), or use IT's recovery private key.",
        )


class BackupFromNewerVersion(ProfileError):
    code = "backup.newer_version"

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"此备份由更新版本的bizdesk制作（数据库版本 {revision}），本程序不能恢复；"
            "请先把本机bizdesk升级到最新版本再恢复。",
            f"This backup was made by a newer bizdesk (database revision {revision}) and cannot be restored "
            "here; update this desk's bizdesk to the latest version, then restore.",
            data={"revision": revision},
        )


class BackupFileMissing(InputRejected):
    code = "backup.missing_file"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"备份文件路径不对：找不到文件 {path}；请在“备份文件路径”中填写已有备份文件的完整路径。",
            f"Backup file path: no file at {path}; give the full path of an existing backup file.",
            data={"path": path},
        )


class BackupOfAnotherDevice(InputRejected):
    """A backup made on another installation: restoring it makes this PC that desk (device replacement)."""

    code = "backup.other_device"

    def __init__(self, device_id: str | None) -> None:
        device = device_id or "未注明 / unnamed"
        super().__init__(
            f"这是另一台电脑（设备 {device}）的备份：恢复后本机将变成那台设备，属于更换设备，未恢复。"
            "如确属更换设备（原电脑已停用），请由IT执行 bizdesk restore --replace-device，"
            "并在政务平台停用原设备。",
            f"This backup was made on another PC (device {device}): restoring it would make this PC that "
            "desk, a device replacement; nothing was restored. If the old PC is retired, IT runs "
            "bizdesk restore --replace-device and retires the old device at the platform.",
            data={"backup_device_id": device_id},
        )
