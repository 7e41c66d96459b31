"""SQLAlchemy 2 models. Migrations live in migrations/ (Alembic); change both together."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Role(StrEnum):
    EMPLOYER = "employer"
    OFFICER = "officer"
    ADMIN = "admin"


class ClaimStatus(StrEnum):
    """The spec's processing status (section 2)."""

    QUEUED = "queued"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (ClaimStatus.DONE, ClaimStatus.FAILED)


class Decision(StrEnum):
    ACCEPT = "accept"
    REQUEST_DOCUMENTS = "request_documents"
    REJECT = "reject"


class Organisation(Base):
    """An employer."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    employer_code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    users: Mapped[list[User]] = relationship(back_populates="organisation")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # Role
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    organisation: Mapped[Organisation | None] = relationship(back_populates="users")
    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    # Flask-Login's user protocol, without importing Flask here
    @property
    def is_active(self) -> bool:
        return bool(self.active)

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class ApiToken(Base):
    """A bearer token for scripts; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # None: never
    user: Mapped[User] = relationship(back_populates="tokens")


class Claim(Base):
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)  # uuid4 in URLs
    reference: Mapped[str] = mapped_column(String(64))  # claim_id of claim.json or generated
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claim_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # claim.json as submitted
    insured_ic: Mapped[str] = mapped_column(String(14), index=True)  # digits only, for search
    status: Mapped[str] = mapped_column(String(16), default=ClaimStatus.QUEUED)
    status_reason: Mapped[str | None] = mapped_column(Text)
    progress: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    verdict: Mapped[str | None] = mapped_column(String(16), index=True)
    deadline: Mapped[date | None] = mapped_column(Date)  # the time limit's last day
    decision: Mapped[str | None] = mapped_column(String(24))  # Decision
    decision_message: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sampled_for_review: Mapped[bool] = mapped_column(default=False)
    # the second-look draw was made for this claim (once per claim; see semak.web.portal)
    sampling_checked: Mapped[bool] = mapped_column(default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # bumped whenever the claim needs verifying again (new files, rerun); part of the job id
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # set by retention (semak.retention) when the claim's personal data was purged
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    documents: Mapped[list[StoredDocument]] = relationship(
        back_populates="claim", order_by="StoredDocument.id"
    )
    reports: Mapped[list[Report]] = relationship(back_populates="claim", order_by="Report.id")


class StoredDocument(Base):
    """One uploaded file of a claim; the bytes live content-addressed in storage."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("claim_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # upload order within the claim
    original_name: Mapped[str] = mapped_column(String(255))  # sanitised for display
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    storage_key: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24), default="queued")  # queued/reading/read/error
    error_code: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # intake's pages/words summary
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claim: Mapped[Claim] = relationship(back_populates="documents")


class Report(Base):
    """A verification report; the newest one of a claim is the current one."""

    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    verdict: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claim: Mapped[Claim] = relationship(back_populates="reports")


class Correction(Base):
    """An officer's correction of a document's type or a field; counted for accuracy."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    document_file: Mapped[str] = mapped_column(String(255))
    document_pages: Mapped[list[Any]] = mapped_column(JSON)
    doc_type: Mapped[str] = mapped_column(String(40))  # the type after correction
    field: Mapped[str] = mapped_column(String(40))  # "doc_type" or a field/date key
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Who viewed, changed or decided what, and when. Details carry no IC or medical data."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))  # viewed, uploaded, corrected, decided...
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Signal(Base):
    """A cross-claim signal: the same MC or police report, or one IC claimed by two employers."""

    __tablename__ = "signals"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    other_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    kind: Mapped[str] = mapped_column(String(40))  # same_document, same_report_number, overlap
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Fingerprint(Base):
    """What a claim's report is compared on across claims (semak.signals), one row a value.

    ``kind``: ``mc_file`` (a medical certificate's file sha256, ``@`` its document index),
    ``mc_content`` (its patient IC and leave dates hashed, clinic and MMC number; ``@`` index),
    ``report_number`` (a police report number, normalised), ``period`` (``start/end``, ISO
    dates, either may be empty; written for every fingerprinted report), ``compared`` (the
    report was compared with the other claims). ``report_id`` names the report the row was
    taken from: rows of an older report are stale and replaced."""

    __tablename__ = "fingerprints"
    __table_args__ = (Index("ix_fingerprints_kind_value", "kind", "value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
