"""This installation's workbook signing key: made if missing, then its fingerprint shown.

    python manage.py workbook_signing_key [--public-key FILE]

Run once after installing (the key is otherwise made on the first export). The private key
stays in WORKBOOK_SIGNING_KEY_FILE (mode 0600); back it up with SECRET_KEY, not with the
database. --public-key writes the public key for the higher-level union to register.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workbook import signing


class Command(BaseCommand):
    help = "生成（如尚未生成）本系统的年报工作簿签名密钥，并显示公钥指纹；可用 --public-key 导出公钥文件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--public-key", type=Path, help="把公钥（PEM）写入此文件，交上级工会登记")

    def handle(self, *args: Any, **options: Any) -> None:
        existed = signing.key_path().exists()
        try:
            key = signing.installation_public_key()
        except signing.SigningKeyError as exc:
            raise CommandError(str(exc)) from None
        state = "已有" if existed else "已生成"
        self.stdout.write(f"签名私钥（{state}）：{signing.key_path()}")
        self.stdout.write(f"公钥指纹：{signing.grouped(signing.fingerprint(key))}")
        if options["public_key"]:
            options["public_key"].write_text(signing.public_key_pem(key), encoding="ascii")
            self.stdout.write(f"公钥已写入 {options['public_key']}")
