"""``LocalDesk``: the ``DeskApi`` the UI talks to, a thin facade: each method checks who asks
(``sign_in``) and makes one call to a use case (``drafts``, ``casework``, ``practice``, ``admin``,
``app.services``, ``app.accounts``) over the store and sealed scans it is handed. The composition root
hands in the reader, the renderer, the background sync and ``DeskOperations`` (None: none here).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

from app.accounts import admin as account_admin
from app.accounts import service as accounts
from app.accounts.model import Role, TrainingAccount, UserInfo
from app.accounts.roles import Action
from app.desk import admin, admin_api, casework, checks, drafts, flow, flow_api, practice
from app.desk.api import LoginResult, SyncControl, SyncView
from app.desk.files import export_target, first_page_png, packet_target, read_scan
from app.desk.flow_edit import without_person
from app.desk.sign_in import DeskStore, SignIn
from app.desk.training_api import CaseChoice, CheckOutcome, ResetDone, StartedScenario
from app.desklog import log_event
from app.errors import BizdeskError, PlatformError, describe
from app.facecheck import CameraMissing, FaceChecker, TrainingFaceChecker
from app.idcard import CardReadError, IdCardReader, TrainingReader
from app.ports import IDLE_LOCK_SECONDS, RETENTION_DAYS, CaseSummary
from app.security.atomic import write_atomic
from app.security.attachments import AttachmentStore
from app.services.branch import DeskBranch, set_branch
from app.services.case_page import CasePage, case_page
from app.services.case_search import SearchRequest, SearchResult, search_cases
from app.services.corrections import resubmit_correction
from app.services.packet import FORMS_AND_RECEIPT, Packet, PacketParts, PacketRenderer
from app.services.submission import SubmitResult
from app.services.today import TodayBoard, today_board
from app.syncing.outage import simulated_offline
from app.training import attempts as attempt_store
from app.training.demo import restore_demo_data
from app.training.scenario import Scenario, load_scenarios
from app.unit_of_work import UnitOfWork
from app.updates.service import UpdateStatus


class LocalDesk:
    def __init__(
        self,
        store: DeskStore,
        files: AttachmentStore,
        *,
        reader: IdCardReader | None = None,
        renderer: PacketRenderer | None = None,
        syncing: SyncControl | None = None,
        operations: admin_api.DeskOperations | None = None,
        face_checker: FaceChecker | None = None,
    ) -> None:
        self._store, self._files = store, files
        self.reader, self.packet_renderer = reader, renderer
        self.face_checker = face_checker
        self.syncing, self.operations = syncing, operations
        self._who = SignIn(store)

    @property
    def user(self) -> UserInfo | None:
        return self._who.user

    @user.setter
    def user(self, user: UserInfo | None) -> None:
        self._who.user = user

    @property
    def training(self) -> bool:
        return self._store.training

    def needs_first_it_account(self) -> bool:
        return accounts.needs_first_it_account(self._store.unit_of_work())

    def create_first_it_account(self, username: str, display_name: str, password: str) -> LoginResult:
        try:
            self._who.begin()
            self.user = accounts.create_first_it_account(
                self._store.unit_of_work(), username, display_name, password
            )
        except BizdeskError as error:
            return LoginResult(ok=False, message=describe(error))
        return LoginResult(ok=True, user=self.user)

    def login(self, username: str, password: str) -> LoginResult:
        try:
            self._who.begin()
            self.user = accounts.login(self._store.unit_of_work(), username, password)
        except accounts.LoginRefused as refused:
            self.user = None
            log_event("sign_in.refused", code=refused.code, locked=bool(refused.retry_after_seconds))
            return LoginResult(
                ok=False, message=describe(refused), retry_after_seconds=refused.retry_after_seconds
            )
        log_event("sign_in", role=self.user.role)  # the role only: a user name is nobody's business here
        return LoginResult(ok=True, user=self.user)

    def logout(self) -> None:
        if self.user is not None and not self.session_ended():
            with self._store.unit_of_work() as uow:
                uow.audit.append("logout", actor=self.user.username)
                uow.commit()
        self.user = None

    def session_ended(self) -> bool:
        return self._who.ended()

    def idle_lock_seconds(self) -> int:
        with self._store.read_unit_of_work() as uow:
            return uow.settings.get_int(IDLE_LOCK_SECONDS)

    def training_accounts(self) -> list[TrainingAccount]:
        return list(accounts.TRAINING_ACCOUNTS) if self.training else []

    def case_summaries(self, *, status: str | None = None, limit: int = 50) -> list[CaseSummary]:
        self._who.current()
        with self._store.read_unit_of_work() as uow:
            return uow.cases.list(status=status, limit=limit)

    def today_board(self) -> TodayBoard:
        self._who.current()
        with self._store.read_unit_of_work() as uow:
            return today_board(uow, uow.outbox, now=uow.clock())

    def search_cases(self, request: SearchRequest) -> SearchResult:
        self._who.current()
        with self._store.read_unit_of_work() as uow:
            return search_cases(uow, request)

    def case_page(self, case_id: str) -> CasePage:
        self._who.current()
        with self._store.read_unit_of_work() as uow:
            return case_page(uow, uow.outbox, case_id)

    def resubmit_correction(self, case_id: str, service: str, changes: dict[str, str]) -> SubmitResult:
        by = self._who.allowed("case.submit")
        with self._store.unit_of_work() as uow:
            return resubmit_correction(uow, case_id, service, by=by.username, changes=changes)

    def case_packet(self, case_id: str, parts: PacketParts = FORMS_AND_RECEIPT) -> Packet:
        by = self._who.allowed("case.print")
        with self._store.unit_of_work() as uow:
            return casework.print_case(uow, case_id, self.packet_renderer, by=by.username, parts=parts)

    def save_pdf(self, pdf: bytes, path: str) -> Path:
        self._who.current()
        target = export_target(path, ".pdf")
        write_atomic(target, pdf)
        return target

    def export_case(self, case_id: str, password: str, path: str) -> Path:
        user = self._who.current()
        target = export_target(path, ".json")
        accounts.reauthenticate(self._store.unit_of_work(), user.username, password, "case.export")
        return casework.export_case_file(self._store, case_id, target, by=user.username)

    def default_export_folder(self) -> Path:
        return Path.home() / "bizdesk-exports"

    def start_draft(self) -> flow_api.DraftView:
        by = self._who.current().username
        with self._store.unit_of_work() as uow:
            return drafts.start_draft(uow, by=by)

    def open_draft(self, case_id: str) -> flow_api.DraftView:
        self._who.current()
        with self._store.read_unit_of_work() as uow:
            return drafts.draft_of(uow, case_id)

    def change_fields(
        self, case_id: str, changes: Sequence[flow_api.FieldChange], *, step: flow_api.StepKey, field: str
    ) -> flow_api.SaveOutcome:
        by = self._who.current().username
        with self._store.unit_of_work() as uow:
            return drafts.autosave(uow, case_id, changes, step=step, field=field, by=by)

    def remember_position(self, case_id: str, step: flow_api.StepKey, field: str) -> None:
        self._who.current()
        with self._store.unit_of_work() as uow:
            drafts.remember_position(uow, case_id, step, field)

    def add_person(self, case_id: str) -> flow_api.DraftView:
        return self._edit(case_id, flow.with_typed_person)

    def remove_person(self, case_id: str, index: int) -> flow_api.DraftView:
        return self._edit(case_id, lambda case: without_person(case, index))

    def read_id_card(self, case_id: str, index: int | None) -> flow_api.CardOutcome:
        by = self._who.current().username
        if self.reader is None:
            raise CardReadError("本机未连接身份证阅读器", "no ID card reader is set up on this desk")
        card = self.reader.read()
        with self._store.unit_of_work() as uow:
            outcome = drafts.take_card(uow, self._files, case_id, index, card, by=by)
        if self.face_checker is None:
            return outcome
        # 人证核验 at once: the founder is in front of the camera while their card is on the reader
        try:
            checked = self.check_face(case_id, outcome.person_index)
        except BizdeskError as error:  # no camera: the card stays read; the check is done again later
            warning = flow_api.Feedback("warning", error.message_zh, error.message_en, "")
            return dataclasses.replace(outcome, warnings=(*outcome.warnings, warning))
        return dataclasses.replace(outcome, draft=checked.draft)

    def check_face(self, case_id: str, index: int) -> flow_api.FaceCheckOutcome:
        """人证核验 of person ``index`` against their card photo, recorded in the case."""
        by = self._who.current().username
        if self.face_checker is None:
            raise CameraMissing()
        with self._store.unit_of_work() as uow:
            found = checks.face_check(uow, self._files, case_id, index, self.face_checker, by=by)
        return flow_api.FaceCheckOutcome(index, found, self.open_draft(case_id))

    def face_check_modes(self) -> tuple[str, ...]:
        checker = self.face_checker
        return checker.modes if isinstance(checker, TrainingFaceChecker) else ()

    def set_face_check_mode(self, mode: str) -> None:
        if isinstance(self.face_checker, TrainingFaceChecker):
            self.face_checker.choose_mode(mode)

    def confirm_account_intent(self, case_id: str, username: str, password: str) -> flow_api.DraftView:
        """开户意愿 双人核实: the second bank staff member signs in with their own password on this desk."""
        first = self._who.allowed("case.edit")
        second = accounts.reauthenticate(self._store.unit_of_work(), username.strip(), password, "case.edit")
        with self._store.unit_of_work() as uow:
            checks.confirm_intent(uow, case_id, first=first, second=second)
        return self.open_draft(case_id)

    def reader_modes(self) -> tuple[str, ...]:
        return self.reader.modes if isinstance(self.reader, TrainingReader) else ()

    def set_reader_mode(self, mode: str) -> None:
        if isinstance(self.reader, TrainingReader):
            self.reader.choose_mode(mode)

    def scope_options(self, query: str, *, limit: int = 8) -> list[flow_api.ScopeOption]:
        return flow.scope_options(query, limit=limit)

    def division_options(self) -> list[flow_api.DivisionOption]:
        return flow.division_options()

    def attach_document(self, case_id: str, kind: str, subject: str, path: str) -> flow_api.DraftView:
        scan = read_scan(path)
        by = self._who.current().username
        with self._store.unit_of_work() as uow:
            return drafts.attach_scan(uow, self._files, case_id, kind=kind, subject=subject, scan=scan, by=by)

    def defer_document(self, case_id: str, kind: str, subject: str, due_date: str) -> flow_api.DraftView:
        return self._edit(case_id, drafts.deferred_document(kind, subject, due_date))

    def packet_preview(self, case_id: str, parts: PacketParts = FORMS_AND_RECEIPT) -> flow_api.PacketPreview:
        packet = self.case_packet(case_id, parts)
        return flow_api.PacketPreview(packet.pages, packet.forms, first_page_png(packet.pdf))

    def save_packet(self, case_id: str, path: str, parts: PacketParts = FORMS_AND_RECEIPT) -> str:
        target = packet_target(path)
        packet = self.case_packet(case_id, parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(packet.pdf)
        return str(target)

    def submit_draft(self, case_id: str) -> flow_api.Receipt:
        drafts.submit_draft(self._store, case_id, by=self._who.current().username)
        return self.receipt(case_id)

    def rate_case(self, case_id: str, grade: flow_api.Grade, comment: str) -> flow_api.Receipt:
        by = self._who.current().username
        with self._store.unit_of_work() as uow:
            drafts.rate_case(uow, case_id, grade, comment, by=by)
        return self.receipt(case_id)

    def receipt(self, case_id: str) -> flow_api.Receipt:
        self._who.current()
        with self._store.read_unit_of_work() as uow:
            return drafts.receipt(uow, case_id)

    def _edit(self, case_id: str, edit: drafts.Edit) -> flow_api.DraftView:
        by = self._who.current().username
        with self._store.unit_of_work() as uow:
            return drafts.edit_draft(uow, case_id, edit, by=by)

    def sync_overview(self) -> SyncView:
        self._who.current()
        return self._sync().view()

    def sync_now(self) -> None:
        self._who.current()
        self._sync().sync_now()

    def admin_users(self) -> list[admin_api.AdminUser]:
        return admin.admin_users(self._store, by=self._who.allowed("user.admin"))

    def admin_add_user(self, username: str, display_name: str, role: Role, password: str) -> None:
        uow, by = self._as_it()
        accounts.add_user(
            uow, by=by, username=username, display_name=display_name, role=role, password=password
        )

    def admin_unlock_user(self, username: str) -> None:
        uow, by = self._as_it()
        accounts.unlock_user(uow, by=by, username=username)

    def admin_reset_password(self, username: str, new_password: str) -> None:
        uow, by = self._as_it()
        accounts.set_password(uow, by=by, username=username, new_password=new_password)

    def admin_disable_user(self, username: str) -> None:
        uow, by = self._as_it()
        account_admin.disable_user(uow, by=by, username=username)

    def admin_enable_user(self, username: str) -> None:
        uow, by = self._as_it()
        account_admin.enable_user(uow, by=by, username=username)

    def admin_device(self) -> admin_api.DeviceFacts:
        return self._it_ops().device()

    def admin_enroll_qr(self, payload: str) -> admin_api.DeviceFacts:
        by = self._who.allowed("device.enroll").username
        return self._it_ops().enroll_qr(payload, by)

    def admin_updates(self) -> UpdateStatus:
        return self._it_ops().updates()

    def admin_check_updates(self) -> UpdateStatus:
        return self._it_ops().check_updates()

    def admin_apply_update(self) -> UpdateStatus:
        return self._it_ops().apply_update(self._who.allowed("settings.admin").username)

    def admin_rollback_update(self) -> UpdateStatus:
        return self._it_ops().rollback_update(self._who.allowed("settings.admin").username)

    def admin_rollback_app(self) -> UpdateStatus:
        return self._it_ops().rollback_app(self._who.allowed("settings.admin").username)

    def admin_verify_audit(self) -> admin_api.AuditCheck:
        by = self._who.allowed("audit.verify").username
        with self._store.unit_of_work() as uow:
            return admin.verify_trail(uow, by=by)

    def admin_backup(self, it_password: str, target: str, passphrase: str) -> admin_api.BackupDone:
        return self._ops().backup(target, passphrase, self._reauthenticated(it_password, "backup"))

    def admin_rotate_key(self, it_password: str) -> admin_api.KeyRotated:
        return self._ops().rotate_key(self._reauthenticated(it_password, "key.admin"))

    def admin_restore(self, it_password: str, source: str, passphrase: str) -> admin_api.RestoreDone:
        done = self._ops().restore(source, passphrase, self._reauthenticated(it_password, "restore"))
        self.user = None  # this sign-in was checked against the accounts the restore replaced
        return done

    def admin_retention_days(self) -> int:
        self._who.allowed("settings.admin")
        with self._store.read_unit_of_work() as uow:
            return uow.settings.get_int(RETENTION_DAYS)

    def admin_set_retention_days(self, days: int) -> int:
        by = self._who.allowed("settings.admin").username
        with self._store.unit_of_work() as uow:
            return admin.set_retention_days(uow, days, by=by)

    def admin_branch(self) -> DeskBranch:
        self._who.allowed("settings.admin")
        with self._store.read_unit_of_work() as uow:
            return admin.branch_as_set(uow)

    def admin_set_branch(self, values: Mapping[str, str]) -> DeskBranch:
        by = self._who.allowed("settings.admin").username
        with self._store.unit_of_work() as uow:
            return set_branch(uow, values, by=by)

    def admin_diagnostics(self, target: str) -> str:
        return self._it_ops().diagnostics(target)

    def training_scenarios(self) -> list[Scenario]:
        self._who.trainee()
        return load_scenarios()

    def training_start(self, scenario_id: str) -> StartedScenario:
        who = self._who.trainee()
        with self._store.unit_of_work() as uow:
            return practice.start_scenario(uow, scenario_id, by=who.username, name=who.display_name)

    def training_offline(self) -> bool:
        self._who.trainee()
        with self._store.read_unit_of_work() as uow:
            return simulated_offline(uow.settings)

    def training_set_offline(self, offline: bool) -> None:
        by = self._who.trainee().username
        with self._store.unit_of_work() as uow:
            practice.set_network(uow, offline=offline, by=by)
            uow.commit()

    def training_cases(self, scenario_id: str | None = None) -> list[CaseChoice]:
        by = self._who.trainee().username
        with self._store.read_unit_of_work() as uow:
            return practice.case_choices(uow, by=by, scenario_id=scenario_id)

    def training_check(self, scenario_id: str, case_id: str | None = None) -> CheckOutcome:
        who = self._who.trainee()
        by = who.username
        if not case_id:
            with self._store.read_unit_of_work() as uow:
                case_id = practice.latest_case_of(uow, by=by, scenario_id=scenario_id)
        now = self._store.clock()
        with self._store.unit_of_work() as uow:
            return practice.check_scenario(uow, scenario_id, case_id, by=by, now=now, name=who.display_name)

    def training_attempts(self) -> list[attempt_store.Attempt]:
        self._who.trainer()
        with self._store.read_unit_of_work() as uow:
            return attempt_store.list_attempts(uow.settings)

    def training_export_csv(self, path: str) -> str:
        by = self._who.trainer().username
        return str(practice.export_attempts(self._store, export_target(path, ".csv"), by=by))

    def training_attempts_csv(self) -> str:
        return practice.attempts_csv_text(self._store, by=self._who.trainer().username)

    def training_add_trainee(self, username: str, display_name: str, password: str) -> None:
        accounts.add_trainee(
            self._store.unit_of_work(),
            training=self.training,
            by=self._who.trainer(),
            username=username.strip(),
            display_name=display_name,
            password=password,
        )

    def training_reset(self) -> ResetDone:
        by = self._who.trainer().username
        with self._store.unit_of_work() as uow:
            cleared = practice.clear_practice(uow, by=by)
        cases = restore_demo_data(self._store.unit_of_work(), training=True, by=by, files=self._files)
        return ResetDone(cleared, cases)

    def _reauthenticated(self, password: str, action: Action) -> str:
        """The signed-in user's name once their password is checked again and ``action`` allowed."""
        by = self._who.allowed(action)
        accounts.reauthenticate(self._store.unit_of_work(), by.username, password, action)
        return by.username

    def _as_it(self) -> tuple[UnitOfWork, UserInfo]:
        """A unit of work for an account intent of IT's (``user.admin``), and who asks."""
        by = self._who.allowed("user.admin")
        return self._store.unit_of_work(), by

    def _it_ops(self) -> admin_api.DeskOperations:
        """系统管理's operations, for an IT account (``settings.admin``)."""
        self._who.allowed("settings.admin")
        return self._ops()

    def _ops(self) -> admin_api.DeskOperations:
        if self.operations is None:
            raise PlatformError(
                "本窗口未连接设备管理服务，请重新启动 bizdesk。",
                "This window has no device operations; restart bizdesk.",
                code="admin.no_operations",
            )
        return self.operations

    def _sync(self) -> SyncControl:
        if self.syncing is None:
            raise PlatformError(
                "本窗口未连接同步服务，请重新启动 bizdesk。",
                "This window has no sync service; restart bizdesk.",
                code="sync.not_connected",
            )
        return self.syncing
