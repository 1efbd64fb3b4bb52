"""Text out of files, without cell-by-cell object models, as streams of UTF-8 blocks for findings.py.

``scan_file(path)`` / ``scan_bytes(name, data)`` → ``FileScan`` (status, reason, findings). Office
Open XML parts are read as XML byte streams (tags stripped), workbooks through python-calamine, PDF
through pdfium, text files after encoding detection (BOM, UTF-8, cp932, then charset-normalizer),
e-mail (eml, msg) with their attachments, zip archives recursively within ``Limits``. Password
protection is status ``encrypted``; a broken file is ``unreadable`` with the reason; the caller goes on.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import html
import io
import os
import re
import zipfile
from dataclasses import dataclass, field

from hogokan.scanner.findings import Findings, StreamScanner

OK, ENCRYPTED, UNREADABLE, UNSUPPORTED, TOO_LARGE = "ok", "encrypted", "unreadable", "unsupported", "too_large"
STATUSES = (OK, ENCRYPTED, UNREADABLE, UNSUPPORTED, TOO_LARGE)
BLOCK = 1 << 20

TEXT = {".txt", ".csv", ".tsv", ".log", ".md", ".json", ".xml", ".htm", ".html", ".sql", ".dat", ".prn"}
TABULAR_TEXT = {".csv", ".tsv", ".prn"}
WORKBOOKS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
WORD = {".docx", ".docm", ".dotx"}
SLIDES = {".pptx", ".pptm"}
LEGACY_OFFICE = {".doc", ".ppt"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Limits:
    """Against zip bombs and files too big to hold: a workbook or a member is read whole."""

    max_depth: int = 3
    max_ratio: int = 200  # uncompressed/compressed of one member (above 1 MiB)
    max_expanded: int = 2 << 30  # bytes expanded from one archive, all members
    max_in_memory: int = 256 << 20  # a workbook, a PDF inside an archive, a nested archive


DEFAULT_LIMITS = Limits()


class Encrypted(Exception):
    pass


class Unreadable(Exception):
    pass


class TooLarge(Exception):
    pass


@dataclass
class FileScan:
    status: str = OK
    reason: str = ""
    findings: Findings = field(default_factory=Findings)
    encrypted_parts: int = 0


def extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def scan_file(path: str, name: str | None = None, limits: Limits = DEFAULT_LIMITS) -> FileScan:
    """Scan one file on disk (``name`` decides its kind; the path's own name by default)."""
    result = FileScan()
    try:
        with open(path, "rb") as handle:
            _dispatch(name or os.path.basename(path), handle, os.fstat(handle.fileno()).st_size, result, limits, 0)
    except FileNotFoundError:
        result.status, result.reason = UNREADABLE, "ファイルが見つかりません（検査中に移動・削除された可能性があります）。"
    except PermissionError:
        result.status, result.reason = UNREADABLE, "読み取る権限がありません。"
    except OSError as error:
        result.status, result.reason = UNREADABLE, f"読み取れません（{error.strerror or error}）。"
    return _finish(result)


def scan_bytes(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> FileScan:
    """Scan a file held in memory (the pre-send check of an upload)."""
    result = FileScan()
    _dispatch(name, io.BytesIO(data), len(data), result, limits, 0)
    return _finish(result)


def _finish(result: FileScan) -> FileScan:
    if result.encrypted_parts and result.status == OK:
        result.status = ENCRYPTED
        result.reason = f"パスワード付きの項目が {result.encrypted_parts} 件あります。"
    return result


def _dispatch(name: str, handle, size: int, result: FileScan, limits: Limits, depth: int) -> None:
    try:
        _extract(name, handle, size, result, limits, depth)
    except Encrypted as error:
        result.status, result.reason = ENCRYPTED, str(error) or "パスワードで保護されています。"
    except TooLarge as error:
        result.status, result.reason = TOO_LARGE, str(error)
    except Unreadable as error:
        result.status, result.reason = UNREADABLE, str(error)
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, IndexError, UnicodeError, RuntimeError) as error:
        result.status, result.reason = UNREADABLE, f"ファイルが壊れているか途中で切れています（{type(error).__name__}: {error}）。"[:300]


def _extract(name, handle, size, result, limits, depth) -> None:
    kind = extension(name)
    head = handle.read(8)
    handle.seek(0)
    if head.startswith(OLE_MAGIC) and (kind in WORKBOOKS | WORD | SLIDES | LEGACY_OFFICE or kind == ".msg"):
        if kind == ".msg":
            return _msg(handle, result, limits, depth)
        _ole_office(handle)  # raises Encrypted when protected
        if kind in LEGACY_OFFICE or kind in WORD | SLIDES:
            result.status, result.reason = UNSUPPORTED, "旧形式（.doc/.ppt）の本文は読みません。"
            return None
    if kind in TEXT:
        return _text(handle, result, tabular=kind in TABULAR_TEXT)
    if kind in WORKBOOKS:
        return _workbook(handle, size, result, limits)
    if kind in WORD:
        return _ooxml(handle, result, re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"))
    if kind in SLIDES:
        return _ooxml(handle, result, re.compile(r"ppt/(slides/slide\d+|notesSlides/notesSlide\d+)\.xml"))
    if kind == ".pdf":
        return _pdf(handle, size, result, limits)
    if kind == ".eml":
        return _eml(handle.read(limits.max_in_memory + 1), result, limits, depth)
    if kind == ".zip":
        return _zip(handle, result, limits, depth)
    result.status, result.reason = UNSUPPORTED, "この形式の中身は検査しません。"
    return None


# --- text -------------------------------------------------------------------------------------------

def detect_encoding(sample: bytes) -> str | None:
    """BOM, then strict UTF-8, then strict cp932 (Shift_JIS), then charset-normalizer; None for binary."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("cp932")().decode(sample, final=False)
        return "cp932"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:65536]).best()
    return best.encoding if best is not None else None


def _text(handle, result: FileScan, *, tabular: bool) -> None:
    sample = handle.read(65536)
    encoding = detect_encoding(sample)
    if encoding is None:
        result.status, result.reason = UNSUPPORTED, "文字コードを判定できません（テキストではない可能性があります）。"
        return
    scanner = StreamScanner(result.findings, tabular=tabular)
    if encoding == "utf-8":
        block = sample
        while block:
            scanner.feed(block)
            block = handle.read(BLOCK)
    else:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        block = sample
        while block:
            scanner.feed(decoder.decode(block).encode("utf-8"))
            block = handle.read(BLOCK)
        scanner.feed(decoder.decode(b"", final=True).encode("utf-8"))
    scanner.close()


# --- Office Open XML ----------------------------------------------------------------------------------

_BREAKS = re.compile(rb"</(?:w|a):p>|<w:br[^>]*>|<w:tab/>|<a:br[^>]*>|</w:tc>")
_TAGS = re.compile(rb"<[^>]*>")
_ENTITY = re.compile(rb"&(?:#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);")


def xml_text(data: bytes) -> bytes:
    """The text of an XML part: paragraph ends become newlines, tags go, entities are decoded."""
    text = _TAGS.sub(b"", _BREAKS.sub(b"\n", data))
    if b"&" in text:
        text = _ENTITY.sub(lambda match: html.unescape(match.group(0).decode()).encode("utf-8"), text)
    return text


def _xml_stream(member, scanner: StreamScanner) -> None:
    """Stream one XML part: cut each block after its last '>' so no tag is split."""
    carry = b""
    while True:
        block = member.read(BLOCK)
        if not block:
            break
        block = carry + block
        cut = block.rfind(b">") + 1
        carry = block[cut:]
        scanner.feed(xml_text(block[:cut]))
    if carry:
        scanner.feed(xml_text(carry))


def _ooxml(handle, result: FileScan, parts: re.Pattern) -> None:
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile as error:
        raise Unreadable(f"ZIP構造が壊れているか途中で切れています（{error}）。") from error
    with archive:
        names = [info for info in archive.infolist() if parts.fullmatch(info.filename)]
        if not names:
            raise Unreadable("本文の部分（document.xml など）がありません。")
        for info in names:
            scanner = StreamScanner(result.findings)
            with archive.open(info) as member:
                _xml_stream(member, scanner)
            scanner.close()


def _ole_office(handle) -> None:
    import msoffcrypto

    try:
        office = msoffcrypto.OfficeFile(handle)
        encrypted = office.is_encrypted()
    except Exception as error:  # noqa: BLE001 - msoffcrypto raises many kinds on odd files
        handle.seek(0)
        if b"EncryptionInfo".decode().encode("utf-16-le") in handle.read(1 << 16):
            raise Encrypted("パスワードで保護されています（暗号化 Office ファイル）。") from error
        encrypted = False
    finally:
        handle.seek(0)
    if encrypted:
        raise Encrypted("パスワードで保護されています（暗号化 Office ファイル）。")


# --- workbooks ----------------------------------------------------------------------------------------

def _workbook(handle, size: int, result: FileScan, limits: Limits) -> None:
    import python_calamine

    if size > limits.max_in_memory:
        raise TooLarge(f"ブックが大きすぎます（{size // (1 << 20)} MB、上限 {limits.max_in_memory // (1 << 20)} MB）。")
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError as error:
        raise Encrypted("パスワードで保護されています。") from error
    except (python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError) as error:
        raise Unreadable(f"ブックを読み取れません（{error}）。"[:300]) from error
    for index in range(len(workbook.sheet_names)):
        try:
            sheet = workbook.get_sheet_by_index(index)
        except (python_calamine.CalamineError, python_calamine.XmlError) as error:
            raise Unreadable(f"シートを読み取れません（{error}）。"[:300]) from error
        scanner = StreamScanner(result.findings, tabular=True)
        lines = []
        width = 0
        for row in sheet.iter_rows():
            lines.append("\t".join([value if value.__class__ is str else _cell(value) for value in row]))
            width += len(lines[-1])
            if width > BLOCK:
                scanner.feed("\n".join(lines).encode("utf-8") + b"\n")
                lines, width = [], 0
        if lines:
            scanner.feed("\n".join(lines).encode("utf-8"))
        scanner.close()


def _cell(value) -> str:
    """A number stored as a float (Excel keeps 123456789018 as 123456789018.0) reads as the integer."""
    if value.__class__ is float and value.is_integer():
        return str(int(value))
    return str(value)


# --- PDF ------------------------------------------------------------------------------------------------

def _pdf(handle, size: int, result: FileScan, limits: Limits) -> None:
    import pypdfium2

    if size > limits.max_in_memory and not hasattr(handle, "fileno"):
        raise TooLarge("PDF が大きすぎます。")
    try:
        document = pypdfium2.PdfDocument(handle)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise Encrypted("パスワードで保護されています（暗号化 PDF）。") from error
        raise Unreadable(f"PDF を読み取れません（{error}）。"[:300]) from error
    try:
        scanner = StreamScanner(result.findings)
        for page in document:
            textpage = page.get_textpage()
            scanner.feed(textpage.get_text_range().encode("utf-8", "replace") + b"\n")
            textpage.close()
            page.close()
        scanner.close()
    finally:
        document.close()


# --- e-mail ---------------------------------------------------------------------------------------------

def _member(name: str, data: bytes, result: FileScan, limits: Limits, depth: int) -> None:
    """An attachment or archive member: scanned like a file; its own status marks the whole file."""
    if depth > limits.max_depth:
        raise TooLarge(f"入れ子が深すぎます（{limits.max_depth} 段まで）。")
    inner = FileScan(findings=result.findings)
    _dispatch(name, io.BytesIO(data), len(data), inner, limits, depth)
    if inner.status == ENCRYPTED:
        result.encrypted_parts += 1
    elif inner.status == TOO_LARGE:  # a bomb inside is a bomb
        result.status, result.reason = TOO_LARGE, f"{name}: {inner.reason}"
    elif inner.status == UNREADABLE and result.status == OK:
        result.reason = f"{name}: {inner.reason}"
    result.encrypted_parts += inner.encrypted_parts


def _eml(data: bytes, result: FileScan, limits: Limits, depth: int) -> None:
    message = email.message_from_bytes(data, policy=email.policy.default)
    scanner = StreamScanner(result.findings)
    for header in ("From", "To", "Cc", "Subject"):
        if message[header]:
            scanner.feed(f"{header}: {message[header]}\n".encode("utf-8", "replace"))
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename:
            _member(filename, payload, result, limits, depth + 1)
        elif part.get_content_maintype() == "text":
            charset = part.get_content_charset() or "utf-8"
            try:
                text = payload.decode(charset, "replace")
            except LookupError:
                text = payload.decode("utf-8", "replace")
            scanner.feed(text.encode("utf-8") + b"\n")
    scanner.close()


def _msg(handle, result: FileScan, limits: Limits, depth: int) -> None:
    """Outlook .msg (OLE): the body streams (Unicode 001F, ANSI 001E) and the attachments' data (0102)."""
    import olefile

    try:
        ole = olefile.OleFileIO(handle)
    except OSError as error:
        raise Unreadable(f"msg を読み取れません（{error}）。") from error
    with ole:
        scanner = StreamScanner(result.findings)
        for entry in ole.listdir():
            if len(entry) != 1 or not entry[0].startswith("__substg1.0_"):
                continue
            tag = entry[0][12:]
            if tag[:4] in ("0037", "1000", "0C1A", "0E04", "0E03", "0042") and tag[4:] in ("001F", "001E"):
                data = ole.openstream(entry).read()
                scanner.feed(data.decode("utf-16-le" if tag.endswith("001F") else "cp932", "replace").encode() + b"\n")
        scanner.close()
        for entry in ole.listdir():
            if len(entry) == 2 and entry[0].startswith("__attach_version1.0_") and entry[1] == "__substg1.0_37010102":
                name_stream = [entry[0], "__substg1.0_3707001F"]
                if not ole.exists("/".join(name_stream)):
                    name_stream = [entry[0], "__substg1.0_3704001F"]
                name = ole.openstream(name_stream).read().decode("utf-16-le", "replace").rstrip("\0") \
                    if ole.exists("/".join(name_stream)) else "attachment.bin"
                _member(name, ole.openstream(entry).read(), result, limits, depth + 1)


# --- zip ------------------------------------------------------------------------------------------------

def _zip(handle, result: FileScan, limits: Limits, depth: int) -> None:
    if depth >= limits.max_depth:
        raise TooLarge(f"入れ子の ZIP が深すぎます（{limits.max_depth} 段まで）。")
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile as error:
        raise Unreadable(f"ZIP構造が壊れているか途中で切れています（{error}）。") from error
    expanded = 0
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                result.encrypted_parts += 1
                continue
            if info.file_size > (1 << 20) and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise TooLarge(f"展開後のサイズが圧縮率の上限を超えます（{info.filename}: {info.file_size // max(info.compress_size, 1)} 倍、"
                               "zip 爆弾の疑い）。")
            expanded += info.file_size
            if expanded > limits.max_expanded or info.file_size > limits.max_in_memory:
                raise TooLarge(f"展開後のサイズが上限（{limits.max_expanded // (1 << 20)} MB）を超えます（zip 爆弾の疑い）。")
            with archive.open(info) as member:
                data = member.read(limits.max_in_memory + 1)  # the declared size may lie
            if len(data) > limits.max_in_memory:
                raise TooLarge("展開後のサイズが上限を超えます（zip 爆弾の疑い）。")
            _member(info.filename, data, result, limits, depth + 1)
