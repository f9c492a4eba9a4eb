"""Atomic export writes: all or nothing, never over an input, clear errors for bad targets."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from viewer.core.export import atomic
from viewer.core.export.atomic import ExportError, same_file, write_atomic


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_writes_the_bytes(tmp_path):
    target = tmp_path / "out.html"
    write_atomic(target, b"<p>hello</p>")
    assert target.read_bytes() == b"<p>hello</p>"
    assert _leftovers(tmp_path) == []


def test_replacing_keeps_the_existing_permissions(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_file_follows_the_umask(tmp_path):
    target = tmp_path / "new.json"
    write_atomic(target, b"{}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~atomic._UMASK


@pytest.mark.parametrize(
    "make_target, problem",
    [
        (lambda tmp: tmp / "missing-folder" / "out.html", "does not exist"),
        (lambda tmp: tmp, "it is a folder"),
        (lambda tmp: tmp / "plain.txt" / "out.html", "is not a folder"),
    ],
)
def test_bad_targets_raise_and_leave_nothing(tmp_path, make_target, problem):
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ExportError, match=problem):
        write_atomic(make_target(tmp_path), b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_a_path_under_proc_is_refused():
    with pytest.raises(ExportError) as raised:
        write_atomic("/proc/self/source-compare-export.html", b"data")
    assert raised.value.path == "/proc/self/source-compare-export.html"
    assert raised.value.problem


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_atomic(folder / "out.html", b"data")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_failure_while_replacing_removes_the_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_bytes(b"previous")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="the disk is full"):
        write_atomic(target, b"new contents")
    assert target.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []


def test_never_overwrites_a_protected_file(tmp_path):
    source = tmp_path / "article.txt"
    source.write_bytes(b"original")
    link = tmp_path / "link.txt"
    link.symlink_to(source)
    for spelling in (source, link, tmp_path / "sub" / ".." / "article.txt"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(ExportError, match="refusing to overwrite the input document"):
            write_atomic(spelling, b"export", protected=[None, str(source)])
    assert source.read_bytes() == b"original"


def test_same_file_for_paths_that_do_not_exist_yet(tmp_path):
    assert same_file(tmp_path / "a" / ".." / "x.html", tmp_path / "x.html")
    assert not same_file(tmp_path / "x.html", tmp_path / "y.html")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_target_is_written_through_not_replaced(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader is waiting
    try:
        write_atomic(pipe, b"through the pipe")
        received = os.read(reader, 1000)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert received == b"through the pipe"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_nobody_reads_is_refused_at_once(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ExportError, match="nothing is reading"):
        write_atomic(pipe, b"data")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.skipif(not _is_root(), reason="creating a device node needs root")
def test_a_character_device_target_stays_a_device(tmp_path):
    node = tmp_path / "nulldev"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null
    write_atomic(node, b"into the void")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert os.lstat(node).st_rdev == os.makedev(1, 3)
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not _is_root(), reason="switching to an ordinary user needs root")
@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_dev_null_as_an_ordinary_user():
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' user")
    before = os.stat("/dev/null")
    child = os.fork()
    if child == 0:  # the child drops to 'nobody', who may write /dev/null but not create in /dev
        status = 1
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            write_atomic("/dev/null", b"discarded")
            status = 0
        except BaseException as exc:
            os.write(2, f"{exc}\n".encode())
        finally:
            os._exit(status)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_file_name_near_the_length_limit(tmp_path):
    target = tmp_path / ("n" * 245 + ".json")  # 250 characters: the longest names allowed
    write_atomic(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert _leftovers(tmp_path) == []


def test_a_file_name_near_the_limit_in_multibyte_letters(tmp_path):
    target = tmp_path / ("ж" * 122 + ".csv")  # 248 bytes in UTF-8
    write_atomic(target, b"a,b\n")
    assert target.read_bytes() == b"a,b\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_symbolic_link_loop_as_target_is_refused(tmp_path):
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    source = tmp_path / "source.txt"
    source.write_bytes(b"text")
    with pytest.raises(ExportError, match="symbolic link"):
        write_atomic(tmp_path / "l1", b"data", protected=[str(source)])
    assert (tmp_path / "l1").is_symlink()
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_same_file_with_a_symbolic_link_loop(tmp_path):
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    assert not same_file(tmp_path / "l1", tmp_path / "other.txt")
    assert same_file(tmp_path / "l1", tmp_path / "l1")
