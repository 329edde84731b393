"""The error hierarchy of the federation protocol.

Invariants:
- every error has a stable, kebab-case ``code`` that never changes meaning once published;
- every error has the HTTP status it is answered with, so hub, node and client agree;
- ``error_for_code`` maps a code received over the wire back to its class, so a client
  raises the same exception the server raised;
- every code the hub or a node can answer is defined here, once (a test holds codes unique),
  including the generic ones of HTTP itself (``not-found``, ``unsupported-media-type``, …)
  and ``internal-error`` for a fault of the server, which never carries a stack trace.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contracts.bounds import ErrorCode, StorableText, storable

MAX_MESSAGE_LENGTH = 4000
"""Longest ``message`` of an error body; a longer one is cut (the details go in ``detail``)."""


class ContractError(Exception):
    """Base of every error in the protocol."""

    code: ClassVar[str] = "contract-error"
    http_status: ClassVar[int] = 400
    default_message: ClassVar[str] = "The request violates the federation contract."

    def __init__(self, message: str | None = None, *, detail: Any = None) -> None:
        self.message = message or self.default_message
        self.detail = detail
        super().__init__(self.message)

    def to_body(self) -> dict[str, Any]:
        message = storable(self.message, MAX_MESSAGE_LENGTH)
        return ErrorBody(code=self.code, message=message, detail=self.detail).model_dump()


class ErrorBody(BaseModel):
    """The JSON body of every error answer: ``{"code", "message", "detail"}``."""

    model_config = ConfigDict(extra="forbid")

    code: ErrorCode = Field(description="A stable error code, e.g. schema-violation; never changes meaning.")
    message: Annotated[str, StorableText(max_length=MAX_MESSAGE_LENGTH)] = Field(
        description="What went wrong, for people."
    )
    detail: Any = Field(default=None, description="Details, e.g. the field and rule that failed.")


# --- envelope and message errors -------------------------------------------------------


class MalformedEnvelopeError(ContractError):
    code = "malformed-envelope"
    default_message = "The envelope is not a well-formed signed envelope."


class MalformedJSONError(ContractError):
    code = "malformed-json"
    default_message = "The body is not valid JSON."


class JSONTooDeepError(ContractError):
    code = "json-too-deep"
    default_message = "The JSON nests deeper than accepted (contracts.limits.MAX_JSON_DEPTH)."


class PayloadTooLargeError(ContractError):
    code = "payload-too-large"
    http_status = 413
    default_message = "The signed payload is larger than accepted (contracts.limits.MAX_PAYLOAD_BYTES)."


class BadSignatureError(ContractError):
    code = "bad-signature"
    http_status = 401
    default_message = "The signature does not verify against the signer's key."


class UnknownKeyError(ContractError):
    code = "unknown-key"
    http_status = 401
    default_message = "The signing key is not known to the federation."


class RevokedKeyError(ContractError):
    code = "revoked-key"
    http_status = 401
    default_message = "The signing key has been revoked."


class UnknownMessageTypeError(ContractError):
    code = "unknown-message-type"
    http_status = 422
    default_message = "The message type is not known."


class UnsupportedVersionError(ContractError):
    code = "unsupported-version"
    http_status = 422
    default_message = "The message version is not supported."


class WrongTypeError(ContractError):
    code = "wrong-type"
    http_status = 422
    default_message = "The message is of a type not accepted here."


class PayloadTypeMismatchError(ContractError):
    code = "payload-type-mismatch"
    http_status = 422
    default_message = "The payload's type or version differs from the signed payload type."


class SchemaViolationError(ContractError):
    code = "schema-violation"
    http_status = 422
    default_message = "The payload does not match the schema of its type and version."


class SourceMismatchError(ContractError):
    code = "source-mismatch"
    http_status = 403
    default_message = "The message claims a source other than the node that signed it."


class RecipientsError(ContractError):
    code = "invalid-recipients"
    http_status = 422
    default_message = "The recipients do not fit the message type."


class DuplicateSequenceError(ContractError):
    code = "duplicate-sequence"
    http_status = 409
    default_message = "Another message from this source already has this sequence number."


class SequenceRegressionError(ContractError):
    code = "sequence-regression"
    http_status = 409
    default_message = "The sequence number goes backwards: a sender's sequence only grows."


class DataEnvelopeMismatchError(ContractError):
    code = "data-envelope-mismatch"
    http_status = 422
    default_message = "The message's data contradicts its envelope (recipient, source or size)."


class NoApplierError(ContractError):
    code = "no-applier"
    http_status = 422
    default_message = "This node has no applier for the message type yet; the message is kept until it has."


class FamilyRegistrationError(ContractError):
    code = "family-registration"
    http_status = 500
    default_message = "A message family cannot be registered as declared."


# --- request authentication errors -----------------------------------------------------


class MissingRequestSignatureError(ContractError):
    code = "missing-request-signature"
    http_status = 401
    default_message = "The request carries no HTTP message signature."


class BadRequestSignatureError(ContractError):
    code = "bad-request-signature"
    http_status = 401
    default_message = "The HTTP message signature does not verify."


class StaleRequestError(ContractError):
    code = "stale-request"
    http_status = 401
    default_message = "The request signature was created outside the accepted time window."


class ReplayedRequestError(ContractError):
    code = "replayed-request"
    http_status = 401
    default_message = "The request nonce has been seen before."


class UnknownNodeError(ContractError):
    code = "unknown-node"
    http_status = 401
    default_message = "The node is not a member of the federation."


class BodyTooLargeError(ContractError):
    code = "body-too-large"
    http_status = 413
    default_message = "The request body is larger than the hub accepts."


# --- enrolment errors -----------------------------------------------------------------


class InvalidTokenError(ContractError):
    code = "invalid-token"
    http_status = 403
    default_message = "The enrolment token is not valid."


class TokenUsedError(ContractError):
    code = "token-used"
    http_status = 403
    default_message = "The enrolment token has already been used."


class TokenExpiredError(ContractError):
    code = "token-expired"
    http_status = 403
    default_message = "The enrolment token has expired."


class BadProofError(ContractError):
    code = "bad-proof"
    http_status = 403
    default_message = "The proof of possession of the signing key does not verify."


class InvalidMemberCodeError(ContractError):
    code = "invalid-member-code"
    default_message = "A member code is the country code, a hyphen and 2-20 capitals or digits, e.g. MK-CAIR."


class AlreadyEnrolledError(ContractError):
    code = "already-enrolled"
    http_status = 409
    default_message = "This node is already enrolled."


class HubKeyMismatchError(ContractError):
    code = "hub-key-mismatch"
    http_status = 502
    default_message = "The hub's key does not match the pinned fingerprint."


# --- keys and the directory --------------------------------------------------------------


class UnknownKeyPurposeError(ContractError):
    code = "unknown-key-purpose"
    http_status = 422
    default_message = (
        "A key is listed for a purpose this reader does not know (it knows signing and encryption)."
    )


class UnknownKeyAlgorithmError(ContractError):
    code = "unknown-key-algorithm"
    http_status = 422
    default_message = (
        "A key's algorithm is not one this reader knows for its purpose (Ed25519 for signing, "
        "X25519 for encryption)."
    )


class KeyIdMismatchError(ContractError):
    code = "key-id-mismatch"
    http_status = 422
    default_message = "A key id is not the fingerprint of the public key it is listed with."


class KeyBindingInvalidError(ContractError):
    code = "key-binding-invalid"
    http_status = 422
    default_message = (
        "An encryption key's binding does not verify under a signing key of its member, so the "
        "key may not be the member's own."
    )


class InvalidKeyRotationError(ContractError):
    code = "invalid-key-rotation"
    http_status = 422
    default_message = "The key rotation does not fit the keys the member holds."


class NoEncryptionKeyError(ContractError):
    code = "no-encryption-key"
    http_status = 409
    default_message = "The member has no trusted encryption key that is valid now."


# --- exchange errors ------------------------------------------------------------------


class InvalidCursorError(ContractError):
    code = "invalid-cursor"
    default_message = "The cursor is not one the hub issued."


class BatchRefusedError(ContractError):
    code = "batch-refused"
    http_status = 422
    default_message = "No message of the batch was accepted."


class BatchTooLargeError(ContractError):
    code = "batch-too-large"
    http_status = 413
    default_message = "The batch holds more messages than the hub accepts at once."


class NotEnrolledError(ContractError):
    code = "not-enrolled"
    http_status = 409
    default_message = "This node has not been enrolled with a hub."


class UnknownRecipientError(ContractError):
    code = "unknown-recipient"
    http_status = 422
    default_message = "A recipient is not a member of the federation."


class ReceiptMismatchError(ContractError):
    code = "receipt-mismatch"
    http_status = 502
    default_message = "The hub's receipt does not match the message it is for."


class NotADeadLetterError(ContractError):
    code = "not-a-dead-letter"
    http_status = 409
    default_message = "Only an unresolved dead letter can be retried or discarded."


class HubUnavailableError(ContractError):
    code = "hub-unavailable"
    http_status = 503
    default_message = "The hub could not be reached."


class ApplyFailedError(ContractError):
    code = "apply-failed"
    http_status = 422
    default_message = (
        "The message passed every check but could not be applied here; it is kept as a dead letter "
        "and the messages after it went on."
    )


# --- the hub's log -------------------------------------------------------------------------


class UnknownLogIndexError(ContractError):
    code = "unknown-log-index"
    http_status = 404
    default_message = "The log has no entry at that index, or no tree head of that size."


class InvalidLogQueryError(ContractError):
    code = "invalid-log-query"
    default_message = "The query names no valid log index or tree size."


class BadLogProofError(ContractError):
    code = "bad-log-proof"
    http_status = 502
    default_message = "A proof from the hub's log does not verify."


class LogInconsistentError(ContractError):
    code = "log-inconsistent"
    http_status = 502
    default_message = "The hub's log is not an extension of the log this node saw before."


# --- the catalogue -------------------------------------------------------------------------


class NotOwnerError(ContractError):
    code = "not-owner"
    http_status = 403
    default_message = "Only the node that published a catalogue entry may change it."


class StaleRevisionError(ContractError):
    code = "stale-revision"
    http_status = 409
    default_message = "A newer revision of this catalogue entry is already held; the older one is ignored."


class MissingFieldError(ContractError):
    code = "missing-field"
    http_status = 422
    default_message = "A required field of the catalogue entry is missing."


class UnknownLanguageError(ContractError):
    code = "unknown-language"
    http_status = 422
    default_message = (
        "Text is tagged with a language the federation does not know (mk, bg, sr-Cyrl, sr-Latn, sq, en)."
    )


class UnknownCodeError(ContractError):
    code = "unknown-code"
    http_status = 422
    default_message = (
        "A code is not in the shared vocabulary (target group, taxonomy term, organisation type)."
    )


class UnknownReferenceError(ContractError):
    code = "unknown-reference"
    http_status = 422
    default_message = "The entry refers to an organisation, service or location that this node does not hold."


class InvalidSearchError(ContractError):
    code = "invalid-search"
    default_message = "The search names an unknown filter value."


class ImportFormatError(ContractError):
    code = "invalid-import"
    default_message = "The file is not an HSDS data package this importer reads."


# --- the municipal register ---------------------------------------------------------------
# The register stays at its node; these are the node API's and importer's refusals.


class InvalidDateError(ContractError):
    code = "invalid-date"
    http_status = 422
    default_message = "A date is not a real date in the form YYYY-MM-DD."


class FutureDateError(ContractError):
    code = "future-date"
    http_status = 422
    default_message = (
        "The entry is dated in the future: a visit, an assessment or a session is recorded after it happens."
    )


class UnknownSettlementError(ContractError):
    code = "unknown-settlement"
    http_status = 422
    default_message = "The settlement is not one of this municipality's settlements."


class DuplicatePersonError(ContractError):
    code = "duplicate-person"
    http_status = 409
    default_message = (
        "The register already holds this person (same register number, or same name and date of birth)."
    )


class UnknownServiceError(ContractError):
    code = "unknown-service"
    http_status = 422
    default_message = "The referral names a service that the federated catalogue does not hold."


class MissingAssessorError(ContractError):
    code = "missing-assessor"
    http_status = 422
    default_message = "A risk assessment must say who assessed and on what basis."


class RoleNotAllowedError(ContractError):
    code = "role-not-allowed"
    http_status = 403
    default_message = "Your role may not make this change to the register."


class OtherTeamError(ContractError):
    code = "other-team"
    http_status = 403
    default_message = "This person belongs to another team's caseload."


class NotStaffError(ContractError):
    code = "not-register-staff"
    http_status = 403
    default_message = "You have no role in the register: ask an administrator to give you one."


class FlagDecidedError(ContractError):
    code = "flag-decided"
    http_status = 409
    default_message = "The flag has already been decided."


class PersonReadOnlyError(ContractError):
    code = "person-read-only"
    http_status = 409
    default_message = "The person's case is closed or transferred: its entries are read only."


class InvalidRegisterEntryError(ContractError):
    code = "invalid-register-entry"
    http_status = 422
    default_message = "The register entry is not valid."


class NoConsentToRecordError(ContractError):
    code = "no-consent-to-record"
    http_status = 422
    default_message = "The person did not agree to be recorded: the visit may not be entered in the register."


class InvalidRegisterImportError(ContractError):
    code = "invalid-register-import"
    http_status = 422
    default_message = (
        "The file is not a social-mapping import this node reads (CSV or XLSX with the template's columns)."
    )


# --- statistics ----------------------------------------------------------------------------


class InvalidPeriodError(ContractError):
    code = "invalid-period"
    http_status = 422
    default_message = (
        "The period is not one of the federation's (2026-06, 2026-Q2 or 2026), or has not begun."
    )


class ReleaseNotDraftError(ContractError):
    code = "release-not-draft"
    http_status = 409
    default_message = "This revision of the period is already approved and released: it can no longer change."


class ReleaseStaleError(ContractError):
    code = "release-stale"
    http_status = 409
    default_message = (
        "The register changed since these tables were computed: look at the new draft before approving it."
    )


class UnprotectableError(ContractError):
    code = "unprotectable"
    http_status = 422
    default_message = "The period's tables cannot be protected as the policy asks: nothing is released."


class OverBudgetError(ContractError):
    code = "over-budget"
    http_status = 409
    default_message = (
        "This release would spend more of the period's privacy budget than the policy allows: "
        "nothing is released (every revision of a period spends from the same budget)."
    )


class PrivacyUnavailableError(ContractError):
    code = "privacy-unavailable"
    http_status = 503
    default_message = (
        "The policy asks for differential privacy, which this node cannot add: install the "
        "node with the dp extra (pip install 'socialhub[server,dp]')."
    )


class NoiseNotPerPolicyError(ContractError):
    code = "noise-not-per-policy"
    http_status = 422
    default_message = (
        "The set's noise is not what the policy it names asks for: every published cell carries "
        "the policy's mechanism and parameter under differential privacy, and none without it."
    )


class InvalidQueryError(ContractError):
    code = "invalid-query"
    http_status = 400
    default_message = "The statistics query names something the federation does not publish."


class NotApprovedError(ContractError):
    code = "not-approved"
    http_status = 422
    default_message = "A period's statistics leave a node only once its supervisor has approved them."


class UnknownPolicyError(ContractError):
    code = "unknown-policy"
    http_status = 422
    default_message = "The set was not protected under a statistics policy the hub has signed."


class NoPolicyError(ContractError):
    code = "no-policy"
    http_status = 503
    default_message = (
        "This node holds no statistics policy signed by the hub yet: it fetches one at its next "
        "sync with the hub."
    )


# --- case transfers --------------------------------------------------------------------------


class SealedPayloadUnreadableError(ContractError):
    code = "sealed-payload-unreadable"
    http_status = 422
    default_message = (
        "The sealed case does not open with this node's key under the transfer's metadata: it was "
        "sealed for another recipient or changed on the way."
    )


class SealedPayloadMalformedError(ContractError):
    code = "sealed-payload-malformed"
    http_status = 422
    default_message = "The sealed case is not of the suite's shape for the size it declares."


class ConsentExpiredError(ContractError):
    code = "consent-expired"
    http_status = 422
    default_message = (
        "The consent this transfer rests on has expired: nothing is delivered or accepted after it."
    )


class ConsentImmutableError(ContractError):
    code = "consent-immutable"
    http_status = 409
    default_message = "A consent is not changed once given: withdraw it and record a new one."


class ConsentWithdrawnError(ContractError):
    code = "consent-withdrawn"
    http_status = 409
    default_message = (
        "The person has withdrawn this consent: nothing more is transferred or accepted under it."
    )


class ConsentMismatchError(ContractError):
    code = "consent-mismatch"
    http_status = 422
    default_message = "The consent does not cover this: another recipient, purpose or person."


class TransferUnknownError(ContractError):
    code = "transfer-unknown"
    http_status = 404
    default_message = "No such transfer is known here."


class TransferSettledError(ContractError):
    code = "transfer-settled"
    http_status = 409
    default_message = "The transfer was already accepted, declined or cancelled: this changes nothing."


class NotAPartyError(ContractError):
    code = "not-a-party"
    http_status = 422
    default_message = "The message comes from a municipality that is not a party to this transfer."


class NotTheRecipientError(ContractError):
    code = "not-the-recipient"
    http_status = 422
    default_message = "The transfer is addressed to another municipality."


class UnknownRecipientKeyError(ContractError):
    code = "unknown-recipient-key"
    http_status = 422
    default_message = "The case was sealed to an encryption key this node does not hold (or no longer holds)."


# --- HTTP itself ---------------------------------------------------------------------------
# What any request can meet before (or instead of) the operation it asked for. The hub and the
# nodes translate their frameworks' own errors into these, so that every answer is coded.


class InvalidInputError(ContractError):
    code = "invalid-input"
    default_message = "The input is not valid."


class BadRequestError(ContractError):
    code = "bad-request"
    default_message = "The request is not one this server can read."


class NotAuthenticatedError(ContractError):
    code = "not-authenticated"
    http_status = 401
    default_message = "This needs a login or a signed request."


class AuthenticationFailedError(ContractError):
    code = "authentication-failed"
    http_status = 401
    default_message = "The credentials are not valid."


class PermissionDeniedError(ContractError):
    code = "permission-denied"
    http_status = 403
    default_message = "You may not do this."


class CsrfFailedError(ContractError):
    code = "csrf-failed"
    http_status = 403
    default_message = "The request lacks a valid CSRF token; a browser session must send one."


class NotFoundError(ContractError):
    code = "not-found"
    http_status = 404
    default_message = "Nothing is found at this address."


class MethodNotAllowedError(ContractError):
    code = "method-not-allowed"
    http_status = 405
    default_message = "This address does not answer that method."


class NotAcceptableError(ContractError):
    code = "not-acceptable"
    http_status = 406
    default_message = "This address answers only application/json."


class UnsupportedMediaTypeError(ContractError):
    code = "unsupported-media-type"
    http_status = 415
    default_message = "A request body must be application/json in UTF-8."


class ThrottledError(ContractError):
    code = "throttled"
    http_status = 429
    default_message = "Too many requests; try again later."


class InternalError(ContractError):
    code = "internal-error"
    http_status = 500
    default_message = "The server failed to answer this request; the fault is logged."


def all_errors() -> list[type[ContractError]]:
    """Every published error class, base first, in the order they are defined."""
    found: list[type[ContractError]] = [ContractError]
    for cls in found:
        found.extend(sub for sub in cls.__subclasses__() if sub not in found)
    return found


def error_for_code(code: str) -> type[ContractError]:
    """The error class published under ``code``, or the base class for an unknown code."""
    for cls in all_errors():
        if cls.code == code:
            return cls
    return ContractError


def validation_detail(exc: ValidationError) -> list[dict[str, object]]:
    """A pydantic error as a list of ``{field, rule, message}`` for error bodies.

    A field path can name a key the sender made up; it is made storable (and encodable), so
    that the answer, and a dead letter that keeps it, never fail on it."""
    return [
        {
            "field": storable(".".join(str(p) for p in err["loc"]), MAX_FIELD_PATH),
            "rule": err["type"],
            "message": storable(err["msg"], MAX_MESSAGE_LENGTH),
        }
        for err in exc.errors(include_url=False, include_input=False)
    ]


MAX_FIELD_PATH = 300
"""Longest field path in an error's detail; a sender's made-up key is cut to fit."""
