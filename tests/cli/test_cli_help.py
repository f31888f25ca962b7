"""Every command has help, and the README documents it."""

import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from vedette.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    root = get_command(app)
    names = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return sorted(names)


@pytest.mark.parametrize("command", _commands())
def test_cli_command_has_help_and_is_documented(command: str) -> None:
    result = subprocess.run([sys.executable, "-m", "vedette", *command.split(), "--help"], capture_output=True,
                            text=True)
    assert result.returncode == 0 and "Usage:" in result.stdout
    assert f"vedette {command}" in README, f"README does not document `vedette {command}`"


def test_cli_module_entry_point_prints_help() -> None:
    result = subprocess.run([sys.executable, "-m", "vedette", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "vedette run PATH" in result.stdout
