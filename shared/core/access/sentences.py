"""What a person signing in, or an admin managing accounts and devices, is told when it is
refused, in Indonesian and English, by the error's stable code (a key of its own where one
code has several sentences)."""

from __future__ import annotations

from shared.core.messages import Catalog, Sentence

ACCESS_ERRORS = Catalog({
    "or": Sentence("atau", "or"),
    "forbidden": Sentence(
        "Peran {role!r} tidak boleh melakukan ini (hanya {roles}).",
        "Role {role!r} may not do this (needs {roles}).",
    ),
    "unauthenticated.no_token": Sentence("Silakan masuk dahulu: token tidak ada.",
                                         "Please sign in first: no bearer token."),
    "unauthenticated.invalid_token": Sentence(
        "Token tidak berlaku atau sesi sudah berakhir. Silakan masuk lagi.",
        "The token is not valid or the session has expired. Please sign in again.",
    ),
    "wrong_credentials": Sentence("Nama pengguna atau kata sandi salah.",
                                  "Wrong username or password."),
    "too_many_logins": Sentence(
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {wait} detik.",
        "Too many failed logins. Try again in {wait} seconds.",
    ),
    "unknown_role.user": Sentence("Peran harus salah satu dari: {roles}.",
                                  "role must be one of {roles}"),
    "unknown_role.device": Sentence("Peran perangkat harus salah satu dari: {roles}.",
                                    "role must be one of {roles}"),
    "invalid_username": Sentence(
        "Nama pengguna: 3-32 huruf a-z, angka 0-9, '.', '_' atau '-' (tanpa spasi"
        " dan huruf lain).",
        "username: 3-32 of the letters a-z, digits 0-9, '.', '_' or '-' (no spaces,"
        " no other letters)",
    ),
    "password_too_short": Sentence("Kata sandi minimal 8 karakter.",
                                   "password must have at least 8 characters"),
    "password_too_long": Sentence("Kata sandi paling banyak 1024 karakter.",
                                  "password must have at most 1024 characters"),
    "name_taken": Sentence("Nama {name!r} sudah dipakai.", "The name {name!r} is already taken."),
    "user_not_found": Sentence("Pengguna {username!r} tidak ada.",
                               "There is no user {username!r}."),
    "last_admin": Sentence(
        "Admin terakhir tidak dapat dinonaktifkan: buat admin lain dahulu.",
        "The last admin cannot be disabled: create another admin first.",
    ),
    "invalid_name": Sentence("Nama perangkat: 1-64 karakter yang dapat dicetak.",
                             "name: 1-64 printable characters"),
    "device_not_found": Sentence("Perangkat {name!r} tidak ada (atau sudah dicabut).",
                                 "There is no active device {name!r}."),
})
