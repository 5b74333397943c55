"""Every sentence the kiosk shows, in Indonesian (first) and English: the kiosk's catalog.

Names that belong to the office (services, desks, the office's own name, its complaint
channels, its hours) come from the server, not from here. Plain Python: the presenter and the
kv files both read it, the tests check that the two languages cover the same keys. The
sentences are ``shared.core.messages.Sentence``s, the calendar words and the opening hours
come from the core, as the display and the printer take them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from shared.core.calendar import words
from shared.core.calendar.opening_hours import opening_hours_lines
from shared.core.messages import LANGUAGES, Bilingual, Catalog, Sentence

__all__ = ["LANGUAGES", "Bilingual", "Sentence", "TEXTS", "ID_TYPE_LABELS", "OCCUPATIONS",
           "PURPOSES", "tr", "choice_label", "long_date", "opening_hours"]

TEXTS = Catalog({
    # every screen
    "lang_switch": Sentence("English", "Bahasa Indonesia"),
    "back": Sentence("Kembali", "Back"),
    "next": Sentence("Lanjut", "Next"),
    "cancel": Sentence("Batal", "Cancel"),
    "please_wait": Sentence("Mohon tunggu...", "Please wait..."),
    "offline": Sentence(
        "Server antrian belum dapat dihubungi. Data Anda tetap tersimpan di layar ini; "
        "kami mencoba lagi otomatis.",
        "The queue server cannot be reached yet. Your details stay on this screen; "
        "we keep trying automatically.",
    ),
    "server_unreachable": Sentence(
        "Server antrian tidak terjangkau. Silakan coba lagi sebentar lagi.",
        "The queue server cannot be reached. Please try again in a moment.",
    ),
    "connecting": Sentence("Menghubungkan ke server antrian...",
                           "Connecting to the queue server..."),
    "idle_title": Sentence("Masih di sini?", "Still there?"),
    "idle_body": Sentence(
        "Sentuh layar untuk melanjutkan. Data yang Anda isi akan dihapus dalam {seconds} detik.",
        "Touch the screen to continue. What you entered will be erased in {seconds} seconds.",
    ),
    "idle_continue": Sentence("Lanjutkan", "Continue"),
    # welcome
    "welcome": Sentence("Selamat datang", "Welcome"),
    "take_number": Sentence("Ambil Nomor Antrian", "Take a number"),
    "choose_service": Sentence("Pilih layanan:", "Choose a service:"),
    "feedback": Sentence("Beri Penilaian / Pengaduan", "Rating / Complaint"),
    "closed_title": Sentence("Layanan tutup", "Service closed"),
    "opening_hours": Sentence("Jam layanan", "Opening hours"),
    "open_all_hours": Sentence("Buka setiap saat", "Open at all hours"),
    "closed_on_holidays": Sentence("Tutup pada hari libur nasional dan cuti bersama.",
                                   "Closed on public holidays."),
    "no_services": Sentence("Belum ada layanan yang dibuka.", "No service is open yet."),
    # complaint channels (until the rating screens exist)
    "rate_title": Sentence("Beri Penilaian", "Rate our service"),
    "rate_pick": Sentence("Ketik atau pilih nomor antrian Anda",
                          "Type or choose your queue number"),
    "rate_none": Sentence("Belum ada nomor yang selesai dilayani hari ini.",
                          "No number has been served to the end today yet."),
    "rate_desk_wait": Sentence("Terima kasih telah berkunjung. Penilaian muncul di sini setelah"
                               " layanan Anda selesai.",
                               "Thank you for visiting. The rating shows here once your visit is"
                               " finished."),
    "rate_clear": Sentence("Hapus", "Clear"),
    "rate_code": Sentence("Ketik kode penilaian ({digits} angka) yang tercetak di tiket Anda,"
                          " di bawah kode QR",
                          "Type the rating code ({digits} digits) printed on your ticket, below"
                          " the QR code"),
    "rate_code_next": Sentence("Lanjut", "Next"),
    "rating_code": Sentence("Kode penilaian: {code}", "Rating code: {code}"),
    "rate_faces": Sentence("Bagaimana layanan kami hari ini?", "How was our service today?"),
    "rate_for": Sentence("Nomor {number}", "Number {number}"),
    "face_1": Sentence("Tidak puas", "Dissatisfied"),
    "face_2": Sentence("Kurang puas", "Somewhat dissatisfied"),
    "face_3": Sentence("Puas", "Satisfied"),
    "face_4": Sentence("Sangat puas", "Very satisfied"),
    "rate_offer": Sentence("Bersediakah Anda mengisi Survei Kepuasan Masyarakat? Sembilan"
                           " pertanyaan, satu sentuhan tiap pertanyaan.",
                           "Would you answer the satisfaction survey? Nine questions, one tap"
                           " each."),
    "rate_survey": Sentence("Isi survei", "Answer the survey"),
    "rate_skip": Sentence("Lewati", "Skip"),
    "rate_question": Sentence("Pertanyaan {n} dari 9", "Question {n} of 9"),
    "rate_comment": Sentence("Komentar atau saran (boleh dikosongkan)",
                             "Comment or suggestion (optional)"),
    "rate_send": Sentence("Kirim penilaian", "Send rating"),
    "rate_thanks": Sentence("Terima kasih atas penilaian Anda!", "Thank you for your rating!"),
    "rate_complaint": Sentence("Pengaduan", "Complaint"),
    "complaint_send": Sentence("Kirim pengaduan", "Send complaint"),
    "complaint_text": Sentence("Apa yang ingin Anda adukan?",
                               "What would you like to complain about?"),
    "complaint_email": Sentence("Email untuk jawaban kami (boleh dikosongkan)",
                                "Email for our answer (optional)"),
    "complaint_phone": Sentence("Nomor HP (boleh dikosongkan)", "Mobile number (optional)"),
    "complaint_ticket": Sentence("Nomor antrian Anda hari ini (boleh dikosongkan): ketik angkanya,"
                                 " lalu sentuh nomor Anda",
                                 "Your queue number today (optional): type its digits, then tap"
                                 " your number"),
    "complaint_not_chosen": Sentence("Sentuh nomor Anda di daftar, atau hapus angkanya.",
                                     "Tap your number in the list, or clear the digits."),
    "complaint_no_numbers": Sentence("Tidak ada nomor antrian hari ini dengan angka itu.",
                                     "No queue number today has those digits."),
    "complaint_channels": Sentence("Saluran resmi pengaduan:", "Official complaint channels:"),
    "complaint_thanks": Sentence("Pengaduan Anda sudah kami terima dan akan ditindaklanjuti.",
                                 "We have received your complaint and will follow it up."),
    "feedback_title": Sentence("Penilaian dan pengaduan", "Ratings and complaints"),
    "feedback_body": Sentence(
        "Sampaikan penilaian, saran, atau pengaduan Anda tentang layanan kami melalui:",
        "Send us your rating, suggestion or complaint about our service through:",
    ),
    "phone": Sentence("Telepon", "Phone"),
    # requirements and personal-data notice
    "notice_title": Sentence("Persyaratan dan perlindungan data", "Requirements and your data"),
    "requirements_title": Sentence("Yang Anda perlukan", "What you need"),
    "requirements": Sentence(
        "- Kartu identitas yang masih berlaku (KTP, SIM, paspor, atau lainnya)\n"
        "- Alamat email yang aktif\n"
        "- Mengisi buku tamu di layar berikut (sekitar 1 menit)\n"
        "Layanan ini gratis.",
        "- A valid identity card (KTP, driving licence, passport or other)\n"
        "- An email address you use\n"
        "- Filling in the guest book on the next screens (about 1 minute)\n"
        "This service is free of charge.",
    ),
    "privacy_title": Sentence("Data pribadi Anda", "Your personal data"),
    "privacy": Sentence(
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
    "agree": Sentence("Saya setuju", "I agree"),
    "consent_needed": Sentence(
        "Untuk mengambil nomor, Anda perlu menyetujui pemberitahuan ini.",
        "To take a number, you need to agree to this notice.",
    ),
    # guest book
    "guest_title": Sentence("Buku tamu", "Guest book"),
    "page_of": Sentence("Langkah {page} dari {pages}", "Step {page} of {pages}"),
    "id_type": Sentence("Jenis identitas", "ID type"),
    "id_number": Sentence("Nomor identitas", "ID number"),
    "name": Sentence("Nama lengkap", "Full name"),
    "email": Sentence("Email", "Email"),
    "phone_optional": Sentence("Nomor HP (boleh kosong)", "Phone (optional)"),
    "institution": Sentence("Instansi / asal (boleh kosong)", "Institution (optional)"),
    "occupation": Sentence("Pekerjaan", "Occupation"),
    "purpose": Sentence("Keperluan data untuk", "Data needed for"),
    "priority": Sentence(
        "Saya perlu layanan prioritas (disabilitas, lansia, ibu hamil)",
        "I need priority service (disability, elderly, pregnant)",
    ),
    "choose_one": Sentence("Mohon pilih salah satu.", "Please choose one."),
    "returning_title": Sentence("Pernah berkunjung?", "Visited before?"),
    "returning_body": Sentence(
        "Kami menemukan data kunjungan Anda sebelumnya. Gunakan lagi?",
        "We found the details of your earlier visit. Use them again?",
    ),
    "reuse": Sentence("Ya, gunakan data ini", "Yes, use these details"),
    "fresh": Sentence("Tidak, isi baru", "No, fill in new"),
    # confirm
    "confirm_title": Sentence("Periksa data Anda", "Check your details"),
    "service": Sentence("Layanan", "Service"),
    "yes": Sentence("Ya", "Yes"),
    "no": Sentence("Tidak", "No"),
    "edit": Sentence("Ubah", "Change"),
    "take_ticket": Sentence("Ambil Nomor", "Take number"),
    # ticket
    "your_number": Sentence("Nomor antrian Anda", "Your number"),
    "people_ahead": Sentence("Orang di depan Anda: {count}", "People ahead of you: {count}"),
    "estimated_wait": Sentence("Perkiraan waktu tunggu: {minutes} menit",
                               "Estimated wait: {minutes} minutes"),
    "scan_qr": Sentence("Pindai untuk melihat antrian di HP Anda",
                        "Scan to follow the queue on your phone"),
    "print": Sentence("Cetak Tiket", "Print ticket"),
    "qr_only": Sentence("Simpan QR saja", "QR only"),
    "printing": Sentence("Mencetak tiket...", "Printing the ticket..."),
    "qr_kept": Sentence(
        "Tidak apa-apa: nomor Anda tetap terdaftar. Silakan foto atau pindai kode QR ini.",
        "No problem: your number is registered. Please photograph or scan this QR code.",
    ),
    "print_failed": Sentence(
        "Tiket tidak dapat dicetak. Nomor Anda tetap terdaftar: silakan pindai kode QR di layar.",
        "The ticket could not be printed. Your number is registered: please scan the QR code.",
    ),
    "back_in": Sentence("Kembali ke awal dalam {seconds} detik", "Back to start in {seconds} s"),
    "done": Sentence("Selesai", "Done"),
    # the office's exit
    "admin_title": Sentence("Petugas: masukkan PIN", "Staff: enter the PIN"),
    "admin_wrong": Sentence("PIN salah.", "Wrong PIN."),
    "admin_wait": Sentence("Terlalu banyak salah. Tunggu {seconds} detik.",
                           "Too many wrong PINs. Wait {seconds} s."),
    "admin_exit": Sentence("Keluar", "Exit"),
})

ID_TYPE_LABELS: dict[str, Sentence] = {
    "KTP": Sentence("KTP", "KTP (ID card)"),
    "SIM": Sentence("SIM", "Driving licence"),
    "PASPOR": Sentence("Paspor", "Passport"),
    "LAINNYA": Sentence("Lainnya", "Other"),
}

# BPS's own categories (domain reference, section 9); the Indonesian label is what is stored.
OCCUPATIONS: tuple[Sentence, ...] = (
    Sentence("Pelajar/Mahasiswa", "Student"),
    Sentence("Peneliti/Dosen", "Researcher/Lecturer"),
    Sentence("ASN/TNI/Polri", "Civil servant/Military/Police"),
    Sentence("Pegawai BUMN/BUMD", "State-owned company employee"),
    Sentence("Pegawai Swasta", "Private employee"),
    Sentence("Wiraswasta", "Self-employed"),
    Sentence("Lainnya", "Other"),
)
PURPOSES: tuple[Sentence, ...] = (
    Sentence("Tugas Sekolah/Tugas Kuliah", "School or university work"),
    Sentence("Pemerintahan", "Government"),
    Sentence("Komersial", "Commercial"),
    Sentence("Penelitian", "Research"),
    Sentence("Lainnya", "Other"),
)


def tr(key: str, lang: str, /, **values: object) -> str:
    """The sentence ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    return TEXTS.text(key, lang, **values)


def choice_label(stored: str, choices: tuple[Sentence, ...], lang: str) -> str:
    """The label of a stored (Indonesian) category in ``lang``; unknown values as they are."""
    for choice in choices:
        if choice.message_id == stored:
            return choice.message(lang)
    return stored


def long_date(moment: datetime, lang: str) -> str:
    """``Minggu, 29 November 2026`` / ``Sunday, 29 November 2026``."""
    return words.long_date(moment, lang)


def opening_hours(hours: Mapping[str, Sequence[str]] | None, lang: str) -> list[str]:
    """The server's hours as lines a visitor reads: ``Senin-Kamis 08.00-15.30``."""
    if hours is None:
        return [tr("open_all_hours", lang)]
    return opening_hours_lines(hours, lang)
