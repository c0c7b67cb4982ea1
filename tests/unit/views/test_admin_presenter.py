"""系统管理's presenter against a fake desk: who may open it, and what each panel says and does."""

from __future__ import annotations

from dataclasses import replace

from app.desk.admin_api import AuditCheck
from app.services.branch import BRANCH_FIELDS
from tests.unit.views.fake_admin import FakeAdminDesk
from views.admin.presenter import AdminPresenter
from views.session import DeskSession


def _signed_in(role: str, language: str = "zh") -> tuple[FakeAdminDesk, AdminPresenter]:
    desk = FakeAdminDesk()
    desk.add_user("it1", "Admin-2026", "管理员甲", "it")
    desk.add_user("clerk1", "Clerk-2026", "柜员乙", "clerk")
    session = DeskSession(desk, language=language)
    session.start()
    assert session.sign_in(
        "it1" if role == "it" else "clerk1", "Admin-2026" if role == "it" else "Clerk-2026"
    )
    return desk, AdminPresenter(session)


def test_only_it_may_open_it_and_the_core_refuses_a_clerk_too() -> None:
    assert _signed_in("it")[1].allowed
    _desk, clerk = _signed_in("clerk")
    assert not clerk.allowed
    lines, failure = clerk.users()
    assert lines == []
    assert failure is not None
    assert "无权" in failure


def test_users_show_their_state_and_a_locked_one_can_be_unlocked() -> None:
    desk, presenter = _signed_in("it")
    desk.locked["clerk1"] = 90
    desk.failures["clerk1"] = 5
    lines = {line.username: line for line in presenter.users()[0]}
    assert lines["clerk1"].locked
    assert lines["clerk1"].text == "柜员乙（clerk1）· 柜员 · 已锁定，还剩 1分30秒"
    assert lines["it1"].text.endswith("正常")
    outcome = presenter.unlock("clerk1")
    assert (outcome.ok, outcome.text) == (True, "已解锁 clerk1。")
    assert not {line.username: line for line in presenter.users()[0]}["clerk1"].locked


def test_adding_a_user_checks_the_fields_and_reports_the_core_refusal() -> None:
    desk, presenter = _signed_in("it")
    assert presenter.add_user(" ", "名", "clerk", "x").text == "请填写新用户名、姓名和初始密码。"
    assert presenter.add_user("clerk2", "柜员丙", "clerk", "Clerk2-2026").ok
    assert desk.users["clerk2"][1].role == "clerk"
    again = presenter.add_user("clerk2", "柜员丙", "clerk", "Clerk2-2026")
    assert not again.ok
    assert "已存在" in again.text


def test_reset_password_needs_the_new_password() -> None:
    desk, presenter = _signed_in("it")
    assert not presenter.reset_password("clerk1", "").ok
    assert presenter.reset_password("clerk1", "Neu-2026-pass").ok
    assert desk.users["clerk1"][0] == "Neu-2026-pass"


def test_device_lines_and_enrollment_by_qr_payload() -> None:
    _, presenter = _signed_in("it")
    lines, _ = presenter.device_lines()
    assert "本机尚未在政务平台注册。" in lines
    assert "平台CA：使用系统证书库（未固定）" in lines
    assert presenter.enroll("").text == "请先粘贴IT提供的注册二维码内容。"
    wrong = presenter.enroll("hello")
    assert not wrong.ok
    assert "scheme" in wrong.text
    assert presenter.enroll("bizdesk-enroll:1?url=x&code=y").text == "注册成功：https://platform.test"
    assert "已注册：https://platform.test（training）" in presenter.device_lines()[0]


def test_update_lines_follow_check_apply_and_rollback() -> None:
    _, presenter = _signed_in("it", "en")
    assert presenter.update_lines()[0][:2] == [
        "Running: reference pack 2026.1 (shipped with the app), app 0.1.0",
        "No reference pack pending.",
    ]
    presenter.check_updates()
    assert "Pending: reference pack 2026.5" in presenter.update_lines()[0]
    presenter.apply_update()
    lines = presenter.update_lines()[0]
    assert lines[0].startswith("Running: reference pack 2026.5 (from the platform)")
    assert "Can roll back to: reference pack 2026.1" in lines
    presenter.rollback_update()
    assert presenter.update_lines()[0][0].startswith("Running: reference pack 2026.1")


def test_app_lines_show_the_staged_release_the_restart_and_the_app_rollback() -> None:
    desk, presenter = _signed_in("it")
    desk.status = replace(desk.status, app_offered="0.2.0", app_staged=True)
    assert "新软件版本：0.2.0 · 已下载并校验，可安装" in presenter.update_lines()[0]
    desk.status = replace(desk.status, app_offered=None, app_installed="0.2.0", app_previous="0.1.0")
    lines = presenter.update_lines()[0]
    assert "已安装软件版本 0.2.0，重新启动桌面端后生效" in lines
    assert "软件可回退到：0.1.0" in lines
    desk.status = replace(desk.status, app_offered="0.2.0", app_staged=True, app_installed=None)
    desk.admin_apply_update = lambda: replace(desk.status, app_installed="0.2.0")  # type: ignore[method-assign]
    assert presenter.apply_update().text == "完成，重新启动桌面端后生效。"
    desk.status = replace(desk.status, app_offered=None, app_installed="0.2.0", app_previous="0.1.0")
    outcome = presenter.rollback_app()
    assert outcome.ok
    assert outcome.text == "完成，重新启动桌面端后生效。"
    assert not any("软件可回退到" in line for line in presenter.update_lines()[0])
    _desk, clerk = _signed_in("clerk")
    assert not clerk.rollback_app().ok


def test_audit_verification_shows_its_result() -> None:
    desk, presenter = _signed_in("it")
    assert presenter.verify_audit().text == "审计记录完整：共 42 条，未发现改动。"
    desk.audit = AuditCheck(False, 42, ("第7条记录被修改（entry 7 was edited）",))
    outcome = presenter.verify_audit()
    assert not outcome.ok
    assert "第7条记录被修改" in outcome.text


def test_a_backup_asks_the_it_password_again_and_reports_what_it_wrote() -> None:
    desk, presenter = _signed_in("it")
    assert presenter.backup("", "/tmp/b.bdk", "pass").text == "请填写IT密码、备份文件路径和备份口令。"
    wrong = presenter.backup("not-it", "/tmp/b.bdk", "pass")
    assert not wrong.ok
    assert desk.backups == []
    done = presenter.backup("Admin-2026", " /tmp/b.bdk ", "pass")
    assert done.text == "已备份 3 个案卷、5 个附件到 /tmp/b.bdk（2.4 MB）。"
    assert desk.backups == ["/tmp/b.bdk"]


def test_the_retention_policy_is_shown_and_changed_within_its_range() -> None:
    desk, presenter = _signed_in("it")
    assert presenter.retention_line() == ("当前保留期限：办结后 180 天，期满自动清除。", None)
    assert presenter.set_retention("abc").text == "保留天数须为整数。"
    refused = presenter.set_retention("5")
    assert not refused.ok
    assert desk.retention_days == 180
    assert presenter.set_retention(" 365 ").text == "保留期限已改为 365 天。"
    assert desk.retention_days == 365


def test_the_branch_printed_on_the_receipt_is_set_here_and_a_bad_phone_is_refused() -> None:
    _desk, presenter = _signed_in("it")
    assert presenter.branch_values() == (dict.fromkeys(BRANCH_FIELDS, ""), None)
    values = {
        "name": "寿光农村商业银行圣城支行",
        "address": "寿光市圣城街道农圣东街1号",
        "phone": "0536-5201234",
    }
    assert (
        presenter.save_branch(values).text
        == "网点信息已保存（寿光农村商业银行圣城支行）；此后打印的回执使用新信息。"
    )
    refused = presenter.save_branch({**values, "supervision_phone": "一二三四五"})
    assert not refused.ok
    assert "监督电话" in refused.text
    shown, _ = presenter.branch_values()
    assert shown["address"] == "寿光市圣城街道农圣东街1号"
    assert shown["supervision_phone"] == ""
    _desk, clerk = _signed_in("clerk")
    assert not clerk.save_branch(values).ok


def test_disabling_and_enabling_an_account() -> None:
    _desk, presenter = _signed_in("it")
    assert presenter.disable("clerk1").text == "已停用 clerk1。"
    line = {line.username: line for line in presenter.users()[0]}["clerk1"]
    assert line.disabled
    assert line.text.endswith("已停用")
    refused = presenter.disable("it1")
    assert not refused.ok
    assert "自己" in refused.text
    assert presenter.enable("clerk1").ok
    assert not {line.username: line for line in presenter.users()[0]}["clerk1"].disabled


def test_a_diagnostics_bundle_needs_a_path() -> None:
    desk, presenter = _signed_in("it")
    assert presenter.diagnostics(" ").text == "请先填写诊断包保存路径。"
    assert presenter.diagnostics("/tmp/d.zip").text == "诊断包已写入 /tmp/d.zip（不含个人信息）。"
    assert desk.backups == ["diagnostics:/tmp/d.zip"]


def test_rotating_the_data_key_asks_the_it_password_and_reports_the_new_version() -> None:
    desk, presenter = _signed_in("it")
    assert presenter.rotate_key("").text == "请先填写IT密码。"
    wrong = presenter.rotate_key("not-it")
    assert not wrong.ok
    assert "密码不正确" in wrong.text
    assert desk.key_version == 1
    done = presenter.rotate_key("Admin-2026")
    assert (done.ok, done.text) == (True, "已更换数据密钥（第2版），本机数据已用新密钥加密。")
    assert desk.key_version == 2


def test_a_clerk_cannot_rotate_the_data_key_and_english_reads_english() -> None:
    desk, clerk = _signed_in("clerk")
    refused = clerk.rotate_key("Clerk-2026")
    assert not refused.ok
    assert "无权" in refused.text
    assert desk.key_version == 1
    _desk, english = _signed_in("it", language="en")
    assert english.rotate_key("Admin-2026").text.startswith("Data key rotated (version 2)")


def test_a_restore_needs_every_field_and_the_confirmation_then_signs_out_with_a_notice() -> None:
    desk, presenter = _signed_in("it")
    session = presenter.session
    missing = presenter.restore("Admin-2026", " ", "backup-passphrase", confirmed=True)
    assert missing.text == "请填写IT密码、要恢复的备份文件路径和该备份的备份口令。"
    unconfirmed = presenter.restore("Admin-2026", "/tmp/b.bdk", "backup-passphrase", confirmed=False)
    assert not unconfirmed.ok
    assert "我已了解" in unconfirmed.text
    wrong = presenter.restore("not-it", "/tmp/b.bdk", "backup-passphrase", confirmed=True)
    assert not wrong.ok
    assert "密码不正确" in wrong.text
    bad_passphrase = presenter.restore("Admin-2026", "/tmp/b.bdk", "guess", confirmed=True)
    assert "备份口令不正确" in bad_passphrase.text
    assert desk.restored == []
    assert not presenter.signed_out  # refusals keep IT where they were
    done = presenter.restore("Admin-2026", " /tmp/b.bdk ", "backup-passphrase", confirmed=True)
    assert done.ok
    assert done.text == "已从备份恢复 4 个案卷；原数据保存在 /data/desk.before-restore-20261128T050000Z。"
    assert desk.restored == ["/tmp/b.bdk"]
    assert presenter.signed_out
    assert (session.screen, session.user) == ("login", None)
    assert session.notice is not None
    assert session.notice.text(session.texts) == (
        "本机数据已从备份恢复，请重新登录（账户与密码以备份中的为准）。"
    )
    assert session.notice.info  # news for IT, not shown as a failed sign-in


def test_a_clerk_cannot_restore() -> None:
    desk, clerk = _signed_in("clerk")
    refused = clerk.restore("Clerk-2026", "/tmp/b.bdk", "backup-passphrase", confirmed=True)
    assert not refused.ok
    assert "无权" in refused.text
    assert desk.restored == []
    assert not clerk.signed_out
