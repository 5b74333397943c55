"""Every sentence the kiosk shows, in Indonesian (first) and English.

Names that belong to the office (services, desks, the office's own name, its complaint
channels, its hours) come from the server, not from here. Plain Python: the presenter and the
kv files both read it, the tests check that the two languages cover the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.core.calendar.clock import DAYS_EN, HARI

LANGUAGES = ("id", "en")

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


@dataclass(frozen=True)
class Text:
    """One sentence in both languages."""

    id: str
    en: str

    def in_(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


TEXTS: dict[str, Text] = {
    # every screen
    "lang_switch": Text("English", "Bahasa Indonesia"),
    "back": Text("Kembali", "Back"),
    "next": Text("Lanjut", "Next"),
    "cancel": Text("Batal", "Cancel"),
    "please_wait": Text("Mohon tunggu...", "Please wait..."),
    "offline": Text(
        "Server antrian belum dapat dihubungi. Data Anda tetap tersimpan di layar ini; "
        "kami mencoba lagi otomatis.",
        "The queue server cannot be reached yet. Your details stay on this screen; "
        "we keep trying automatically.",
    ),
    "connecting": Text("Menghubungkan ke server antrian...", "Connecting to the queue server..."),
    "idle_title": Text("Masih di sini?", "Still there?"),
    "idle_body": Text(
        "Sentuh layar untuk melanjutkan. Data yang Anda isi akan dihapus dalam {seconds} detik.",
        "Touch the screen to continue. What you entered will be erased in {seconds} seconds.",
    ),
    "idle_continue": Text("Lanjutkan", "Continue"),
    # welcome
    "welcome": Text("Selamat datang", "Welcome"),
    "take_number": Text("Ambil Nomor Antrian", "Take a number"),
    "choose_service": Text("Pilih layanan:", "Choose a service:"),
    "feedback": Text("Beri Penilaian / Pengaduan", "Rating / Complaint"),
    "closed_title": Text("Layanan tutup", "Service closed"),
    "opening_hours": Text("Jam layanan", "Opening hours"),
    "open_all_hours": Text("Buka setiap saat", "Open at all hours"),
    "closed_on_holidays": Text("Tutup pada hari libur nasional dan cuti bersama.",
                               "Closed on public holidays."),
    "no_services": Text("Belum ada layanan yang dibuka.", "No service is open yet."),
    # complaint channels (until the rating screens exist)
    "rate_title": Text("Beri Penilaian", "Rate our service"),
    "rate_pick": Text("Ketik atau pilih nomor antrian Anda", "Type or choose your queue number"),
    "rate_none": Text("Belum ada nomor yang selesai dilayani hari ini.",
                      "No number has been served to the end today yet."),
    "rate_desk_wait": Text("Terima kasih telah berkunjung. Penilaian muncul di sini setelah"
                           " layanan Anda selesai.",
                           "Thank you for visiting. The rating shows here once your visit is"
                           " finished."),
    "rate_clear": Text("Hapus", "Clear"),
    "rate_code": Text("Ketik kode penilaian ({digits} angka) yang tercetak di tiket Anda,"
                      " di bawah kode QR",
                      "Type the rating code ({digits} digits) printed on your ticket, below"
                      " the QR code"),
    "rate_code_next": Text("Lanjut", "Next"),
    "rating_code": Text("Kode penilaian: {code}", "Rating code: {code}"),
    "rate_faces": Text("Bagaimana layanan kami hari ini?", "How was our service today?"),
    "rate_for": Text("Nomor {number}", "Number {number}"),
    "face_1": Text("Tidak puas", "Dissatisfied"),
    "face_2": Text("Kurang puas", "Somewhat dissatisfied"),
    "face_3": Text("Puas", "Satisfied"),
    "face_4": Text("Sangat puas", "Very satisfied"),
    "rate_offer": Text("Bersediakah Anda mengisi Survei Kepuasan Masyarakat? Sembilan"
                       " pertanyaan, satu sentuhan tiap pertanyaan.",
                       "Would you answer the satisfaction survey? Nine questions, one tap"
                       " each."),
    "rate_survey": Text("Isi survei", "Answer the survey"),
    "rate_skip": Text("Lewati", "Skip"),
    "rate_question": Text("Pertanyaan {n} dari 9", "Question {n} of 9"),
    "rate_comment": Text("Komentar atau saran (boleh dikosongkan)",
                         "Comment or suggestion (optional)"),
    "rate_send": Text("Kirim penilaian", "Send rating"),
    "rate_thanks": Text("Terima kasih atas penilaian Anda!", "Thank you for your rating!"),
    "rate_complaint": Text("Pengaduan", "Complaint"),
    "complaint_send": Text("Kirim pengaduan", "Send complaint"),
    "complaint_text": Text("Apa yang ingin Anda adukan?", "What would you like to complain about?"),
    "complaint_email": Text("Email untuk jawaban kami (boleh dikosongkan)",
                            "Email for our answer (optional)"),
    "complaint_phone": Text("Nomor HP (boleh dikosongkan)", "Mobile number (optional)"),
    "complaint_ticket": Text("Nomor antrian Anda hari ini (boleh dikosongkan): ketik angkanya,"
                             " lalu sentuh nomor Anda",
                             "Your queue number today (optional): type its digits, then tap"
                             " your number"),
    "complaint_no_numbers": Text("Tidak ada nomor antrian hari ini dengan angka itu.",
                                 "No queue number today has those digits."),
    "complaint_channels": Text("Saluran resmi pengaduan:", "Official complaint channels:"),
    "complaint_thanks": Text("Pengaduan Anda sudah kami terima dan akan ditindaklanjuti.",
                             "We have received your complaint and will follow it up."),
    "feedback_title": Text("Penilaian dan pengaduan", "Ratings and complaints"),
    "feedback_body": Text(
        "Sampaikan penilaian, saran, atau pengaduan Anda tentang layanan kami melalui:",
        "Send us your rating, suggestion or complaint about our service through:",
    ),
    "phone": Text("Telepon", "Phone"),
    # requirements and personal-data notice
    "notice_title": Text("Persyaratan dan perlindungan data", "Requirements and your data"),
    "requirements_title": Text("Yang Anda perlukan", "What you need"),
    "requirements": Text(
        "- Kartu identitas yang masih berlaku (KTP, SIM, paspor, atau lainnya)\n"
        "- Alamat email yang aktif\n"
        "- Mengisi buku tamu di layar berikut (sekitar 1 menit)\n"
        "Layanan ini gratis.",
        "- A valid identity card (KTP, driving licence, passport or other)\n"
        "- An email address you use\n"
        "- Filling in the guest book on the next screens (about 1 minute)\n"
        "This service is free of charge.",
    ),
    "privacy_title": Text("Data pribadi Anda", "Your personal data"),
    "privacy": Text(
        "Tujuan: mencatat kunjungan dan melayani permintaan data Anda.\n"
        "Yang disimpan: jenis dan nomor identitas (tersamar), nama, email, telepon, "
        "instansi, pekerjaan, keperluan.\n"
        "Lama penyimpanan: {days} hari, lalu dihapus.\n"
        "Hak Anda (UU No. 27/2022): melihat, memperbaiki, dan meminta penghapusan data Anda.\n"
        "Nomor antrian di layar dan tiket tidak memuat data pribadi.\n"
        "Hubungi: {contact}",
        "Purpose: to record your visit and serve your data request.\n"
        "What is kept: identity type and number (masked), name, email, phone, institution, "
        "occupation, purpose.\n"
        "Kept for: {days} days, then erased.\n"
        "Your rights (Law No. 27/2022): to see, correct and have your data erased.\n"
        "The queue screen and the ticket show no personal data.\n"
        "Contact: {contact}",
    ),
    "agree": Text("Saya setuju", "I agree"),
    "consent_needed": Text(
        "Untuk mengambil nomor, Anda perlu menyetujui pemberitahuan ini.",
        "To take a number, you need to agree to this notice.",
    ),
    # guest book
    "guest_title": Text("Buku tamu", "Guest book"),
    "page_of": Text("Langkah {page} dari {pages}", "Step {page} of {pages}"),
    "id_type": Text("Jenis identitas", "ID type"),
    "id_number": Text("Nomor identitas", "ID number"),
    "name": Text("Nama lengkap", "Full name"),
    "email": Text("Email", "Email"),
    "phone_optional": Text("Nomor HP (boleh kosong)", "Phone (optional)"),
    "institution": Text("Instansi / asal (boleh kosong)", "Institution (optional)"),
    "occupation": Text("Pekerjaan", "Occupation"),
    "purpose": Text("Keperluan data untuk", "Data needed for"),
    "priority": Text(
        "Saya perlu layanan prioritas (disabilitas, lansia, ibu hamil)",
        "I need priority service (disability, elderly, pregnant)",
    ),
    "choose_one": Text("Mohon pilih salah satu.", "Please choose one."),
    "returning_title": Text("Pernah berkunjung?", "Visited before?"),
    "returning_body": Text(
        "Kami menemukan data kunjungan Anda sebelumnya. Gunakan lagi?",
        "We found the details of your earlier visit. Use them again?",
    ),
    "reuse": Text("Ya, gunakan data ini", "Yes, use these details"),
    "fresh": Text("Tidak, isi baru", "No, fill in new"),
    # confirm
    "confirm_title": Text("Periksa data Anda", "Check your details"),
    "service": Text("Layanan", "Service"),
    "yes": Text("Ya", "Yes"),
    "no": Text("Tidak", "No"),
    "edit": Text("Ubah", "Change"),
    "take_ticket": Text("Ambil Nomor", "Take number"),
    # ticket
    "your_number": Text("Nomor antrian Anda", "Your number"),
    "people_ahead": Text("Orang di depan Anda: {count}", "People ahead of you: {count}"),
    "estimated_wait": Text("Perkiraan waktu tunggu: {minutes} menit",
                           "Estimated wait: {minutes} minutes"),
    "scan_qr": Text("Pindai untuk melihat antrian di HP Anda",
                    "Scan to follow the queue on your phone"),
    "print": Text("Cetak Tiket", "Print ticket"),
    "qr_only": Text("Simpan QR saja", "QR only"),
    "printing": Text("Mencetak tiket...", "Printing the ticket..."),
    "qr_kept": Text(
        "Tidak apa-apa: nomor Anda tetap terdaftar. Silakan foto atau pindai kode QR ini.",
        "No problem: your number is registered. Please photograph or scan this QR code.",
    ),
    "print_failed": Text(
        "Tiket tidak dapat dicetak. Nomor Anda tetap terdaftar: silakan pindai kode QR di layar.",
        "The ticket could not be printed. Your number is registered: please scan the QR code.",
    ),
    "back_in": Text("Kembali ke awal dalam {seconds} detik", "Back to start in {seconds} s"),
    "done": Text("Selesai", "Done"),
    # the office's exit
    "admin_title": Text("Petugas: masukkan PIN", "Staff: enter the PIN"),
    "admin_wrong": Text("PIN salah.", "Wrong PIN."),
    "admin_wait": Text("Terlalu banyak salah. Tunggu {seconds} detik.",
                       "Too many wrong PINs. Wait {seconds} s."),
    "admin_exit": Text("Keluar", "Exit"),
}

ID_TYPE_LABELS: dict[str, Text] = {
    "KTP": Text("KTP", "KTP (ID card)"),
    "SIM": Text("SIM", "Driving licence"),
    "PASPOR": Text("Paspor", "Passport"),
    "LAINNYA": Text("Lainnya", "Other"),
}

# BPS's own categories (domain reference, section 9); the Indonesian label is what is stored.
OCCUPATIONS: tuple[Text, ...] = (
    Text("Pelajar/Mahasiswa", "Student"),
    Text("Peneliti/Dosen", "Researcher/Lecturer"),
    Text("ASN/TNI/Polri", "Civil servant/Military/Police"),
    Text("Pegawai BUMN/BUMD", "State-owned company employee"),
    Text("Pegawai Swasta", "Private employee"),
    Text("Wiraswasta", "Self-employed"),
    Text("Lainnya", "Other"),
)
PURPOSES: tuple[Text, ...] = (
    Text("Tugas Sekolah/Tugas Kuliah", "School or university work"),
    Text("Pemerintahan", "Government"),
    Text("Komersial", "Commercial"),
    Text("Penelitian", "Research"),
    Text("Lainnya", "Other"),
)


def tr(key: str, lang: str, **values: object) -> str:
    """The sentence ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    text = TEXTS[key].in_(lang)
    return text.format(**values) if values else text


def choice_label(stored: str, choices: tuple[Text, ...], lang: str) -> str:
    """The label of a stored (Indonesian) category in ``lang``; unknown values as they are."""
    for choice in choices:
        if choice.id == stored:
            return choice.in_(lang)
    return stored


def long_date(moment: datetime, lang: str) -> str:
    """``Minggu, 29 November 2026`` / ``Sunday, 29 November 2026``."""
    days, months = (DAYS_EN, MONTHS_EN) if lang == "en" else (HARI, BULAN)
    return f"{days[moment.weekday()]}, {moment.day} {months[moment.month - 1]} {moment.year}"


WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def opening_hours(hours: dict[str, list[str]] | None, lang: str) -> list[str]:
    """The server's hours as lines a visitor reads: ``Senin-Kamis 08.00-15.30``."""
    if hours is None:
        return [tr("open_all_hours", lang)]
    names = DAYS_EN if lang == "en" else HARI
    lines: list[str] = []
    run_start: int | None = None
    for index in range(8):
        text = _ranges(hours.get(WEEKDAY_KEYS[index])) if index < 7 else None
        previous = _ranges(hours.get(WEEKDAY_KEYS[index - 1])) if index > 0 else None
        if run_start is not None and text != previous:
            days = names[run_start] if run_start == index - 1 else (
                f"{names[run_start]}-{names[index - 1]}")
            lines.append(f"{days} {previous}")
            run_start = None
        if text and run_start is None:
            run_start = index
    return lines


def _ranges(ranges: list[str] | None) -> str | None:
    if not ranges:
        return None
    return ", ".join(r.replace(":", ".").replace(" ", "") for r in ranges)
