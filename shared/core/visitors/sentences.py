"""What a visitor is told when a guest-book field is not acceptable, in Indonesian and English,
by the error's stable code (a key of its own where one code has several sentences); a field's
``{label}`` is said in each language (``shared.core.messages``)."""

from __future__ import annotations

from shared.core.messages import Catalog, Sentence

VISITOR_ERRORS = Catalog({
    "required": Sentence("Mohon isi {label}.", "Please fill in the {label}."),
    "not_text": Sentence("Mohon isi {label} dalam bentuk teks.", "The {label} must be text."),
    # identity numbers
    "id_type_unknown": Sentence(
        "Mohon pilih jenis identitas: KTP, SIM, PASPOR, atau LAINNYA.",
        "Please choose an ID type: KTP, SIM, PASPOR or LAINNYA.",
    ),
    "nik_not_digits": Sentence(
        "NIK hanya boleh berisi angka. Mohon periksa kembali (ada {found}).",
        "The NIK may contain digits only (found {found}).",
    ),
    "nik_length": Sentence(
        "NIK harus 16 angka (Anda mengetik {typed}). Mohon periksa kembali.",
        "The NIK must be 16 digits (you typed {typed}).",
    ),
    "nik_province": Sentence(
        "Kode provinsi pada NIK (dua angka pertama: {province}) tidak dikenal. "
        "Mohon periksa kembali.",
        "The province code in the NIK (first two digits: {province}) is unknown.",
    ),
    "nik_region.regency": Sentence(
        "Kode kabupaten/kota pada NIK (angka ke-3 dan ke-4) tidak boleh 00. "
        "Mohon periksa kembali.",
        "The regency/city code in the NIK (digits 3-4) cannot be 00.",
    ),
    "nik_region.district": Sentence(
        "Kode kecamatan pada NIK (angka ke-5 dan ke-6) tidak boleh 00. Mohon periksa kembali.",
        "The district code in the NIK (digits 5-6) cannot be 00.",
    ),
    "nik_birth_date.day": Sentence(
        "Tanggal lahir pada NIK (angka ke-7 dan ke-8: {digits}) tidak valid: "
        "untuk laki-laki 01-31, untuk perempuan 41-71. Mohon periksa kembali.",
        "The birth day in the NIK (digits 7-8: {digits}) is not valid: "
        "01-31 for men, 41-71 for women.",
    ),
    "nik_birth_date.month": Sentence(
        "Bulan lahir pada NIK (angka ke-9 dan ke-10: {digits}) tidak valid: "
        "harus 01-12. Mohon periksa kembali.",
        "The birth month in the NIK (digits 9-10: {digits}) is not valid: "
        "it must be 01-12.",
    ),
    "nik_birth_date.no_such_day": Sentence(
        "Tanggal lahir pada NIK ({day:02d}-{month:02d}-{year}) tidak ada di kalender. "
        "Mohon periksa kembali.",
        "The birth date in the NIK ({year}-{month:02d}-{day:02d}) does not exist.",
    ),
    "nik_future_birth": Sentence(
        "Tanggal lahir pada NIK ({birth_date:%d-%m-%Y}) belum terjadi. Mohon periksa kembali.",
        "The birth date in the NIK ({birth_date}) is in the future.",
    ),
    "nik_serial": Sentence(
        "Nomor urut pada NIK (empat angka terakhir) tidak boleh 0000. Mohon periksa kembali.",
        "The serial number in the NIK (last four digits) cannot be 0000.",
    ),
    "sim_not_digits": Sentence(
        "Nomor SIM hanya boleh berisi angka. Mohon periksa kembali.",
        "The driving licence (SIM) number may contain digits only.",
    ),
    "sim_length": Sentence(
        "Nomor SIM harus 12 sampai 14 angka (Anda mengetik {typed}). Mohon periksa kembali.",
        "The driving licence (SIM) number must be 12 to 14 digits (you typed {typed}).",
    ),
    "passport_characters": Sentence(
        "Nomor paspor hanya boleh berisi huruf (A-Z) dan angka. Mohon periksa kembali.",
        "The passport number may contain only letters (A-Z) and digits.",
    ),
    "passport_length": Sentence(
        "Nomor paspor paling banyak 9 karakter (Anda mengetik {typed}). Mohon periksa kembali.",
        "The passport number has at most 9 characters (you typed {typed}).",
    ),
    "other_id_characters": Sentence(
        "Nomor identitas hanya boleh berisi huruf (A-Z) dan angka. Mohon periksa kembali.",
        "The ID number may contain only letters (A-Z) and digits.",
    ),
    "other_id_length": Sentence(
        "Nomor identitas harus 3 sampai 30 karakter (Anda mengetik {typed}). "
        "Mohon periksa kembali.",
        "The ID number must be 3 to 30 characters (you typed {typed}).",
    ),
    # person fields
    "name_characters": Sentence(
        "Nama hanya boleh berisi huruf, spasi, dan tanda . ' , - "
        "(ada {found}). Mohon periksa kembali.",
        "The name may contain only letters, spaces and . ' , - (found {found}).",
    ),
    "name_too_long": Sentence(
        "Nama terlalu panjang: paling banyak {most} karakter "
        "(Anda mengetik {typed}). Mohon singkat nama Anda.",
        "The name is too long: at most {most} characters (you typed {typed}).",
    ),
    "name_too_short": Sentence(
        "Mohon tulis nama Anda dengan lengkap (paling sedikit 2 huruf).",
        "Please write your full name (at least 2 letters).",
    ),
    "email_no_at": Sentence(
        "Alamat email harus memuat tanda @, misalnya nama@gmail.com. Mohon periksa kembali.",
        "The email address must contain an @, e.g. name@gmail.com.",
    ),
    # The English names email_validator's own reason (it has no Indonesian one), the
    # Indonesian says what to check: the placeholders differ on purpose.
    "email_domain_incomplete": Sentence(
        "Bagian setelah @ ({domain}) belum lengkap, misalnya gmail.com atau "
        "bps.go.id. Mohon periksa kembali alamat email Anda.",
        "The email address is not valid: {reason}",
    ),
    "email_invalid": Sentence(
        "Format alamat email belum benar (contoh: nama@gmail.com). Mohon periksa kembali.",
        "The email address is not valid: {reason}",
    ),
    "phone_country": Sentence(
        "Mohon isi nomor telepon Indonesia, diawali +62 atau 0.",
        "Please enter an Indonesian phone number, starting with +62 or 0.",
    ),
    "phone_characters": Sentence(
        "Nomor telepon hanya boleh berisi angka (boleh diawali +62). Mohon periksa kembali.",
        "The phone number may contain digits only (it may start with +62).",
    ),
    "phone_length": Sentence(
        "Nomor telepon harus {least} sampai {most} angka "
        "(Anda mengetik {typed}). Mohon periksa kembali.",
        "The phone number must be {least} to {most} digits (you typed {typed}).",
    ),
    "invalid_characters": Sentence(
        "Isian {label} memuat karakter yang tidak dapat dipakai. Mohon ketik ulang.",
        "The {label} contains characters that cannot be used.",
    ),
    "too_long": Sentence(
        "Isian {label} terlalu panjang: paling banyak {most} karakter "
        "(Anda mengetik {typed}). Mohon dipersingkat.",
        "The {label} is too long: at most {most} characters (you typed {typed}).",
    ),
    # personal data
    "visitor_not_found": Sentence("Tidak ada data tersimpan untuk nomor identitas ini.",
                                  "Nothing is kept for this identity number."),
})
