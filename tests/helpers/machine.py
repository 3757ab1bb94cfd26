"""What tests need from the machine: Debian packages installed when absent, and a free loopback port.

CI runs on a bare Debian machine as root; a test that needs LibreOffice, chromium or PostgreSQL installs it
with apt-get rather than skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess


def apt_install(*packages: str) -> str:
    """Install Debian `packages` (root and apt-get needed); "" when apt-get succeeded, else why not."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"needs root and apt-get to install: apt-get install {' '.join(packages)}"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    done = subprocess.run(install, capture_output=True, text=True, env=env, timeout=1800, check=False)
    if done.returncode != 0:  # the package lists may be missing on a fresh machine
        subprocess.run(["apt-get", "update"], capture_output=True, env=env, timeout=900, check=False)
        done = subprocess.run(install, capture_output=True, text=True, env=env, timeout=1800, check=False)
    return "" if done.returncode == 0 else f"apt-get install failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
