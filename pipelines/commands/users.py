"""``crosscheck users add|list|disable``: manage the review app's users.

``add NAME --role ROLE`` reads the password from standard input (one line; asked for
twice without echo on a terminal). Passwords are stored as argon2 hashes.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from pipelines.cli import add_db_option, add_json_option, db_url
from pipelines.errors import UsageError

NAME = "users"
HELP = "manage the review app's users (add, list, disable)"
MIN_PASSWORD = 10
ROLES = ("investigator", "supervisor", "auditor", "admin")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="users_cmd", metavar="ACTION")
    p_add = sub.add_parser("add", help="add a user (password from standard input)")
    p_add.add_argument("name")
    p_add.add_argument("--role", required=True, choices=ROLES)
    add_db_option(p_add)
    add_json_option(p_add)
    p_list = sub.add_parser("list", help="list users")
    add_db_option(p_list)
    add_json_option(p_list)
    p_dis = sub.add_parser("disable", help="disable a user (their sessions end at once)")
    p_dis.add_argument("name")
    add_db_option(p_dis)
    add_json_option(p_dis)


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise UsageError("the two passwords differ", hint="run the command again")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    from pipelines.store import StoreError, open_store
    from review.security import hash_password

    cmd = getattr(args, "users_cmd", None)
    if not cmd:
        raise UsageError("say what to do with users", hint="crosscheck users add|list|disable")
    store = open_store(db_url(args))
    try:
        if cmd == "add":
            name = args.name.strip()
            if not name or len(name) > 64:
                raise UsageError("a user name has 1–64 characters", hint="choose another name")
            password = _read_password()
            if len(password) < MIN_PASSWORD:
                raise UsageError(f"the password has fewer than {MIN_PASSWORD} characters",
                                 hint="give a longer password on standard input")
            try:
                uid = store.add_user(name, args.role, hash_password(password), actor="cli")
            except StoreError as exc:
                raise UsageError(str(exc), hint="choose another name or disable the old user") from None
            out = {"id": uid, "username": name, "role": args.role}
            print(f"added {name} ({args.role})")
        elif cmd == "list":
            users = store.list_users()
            for u in users:
                state = "active" if u["active"] else "disabled"
                print(f"{u['username']:<24} {u['role']:<13} {state}")
            out = {"users": [{"username": u["username"], "role": u["role"],
                              "active": bool(u["active"])} for u in users]}
        else:
            if store.get_user(args.name) is None:
                raise UsageError(f"no user {args.name!r}", hint="see `crosscheck users list`")
            store.update_user(args.name, active=False)
            store.append_audit("cli", "user_disabled", details={"username": args.name})
            out = {"username": args.name, "active": False}
            print(f"disabled {args.name}")
    finally:
        store.close()
    if getattr(args, "json", False):
        print(json.dumps(out, ensure_ascii=False))
    return 0
