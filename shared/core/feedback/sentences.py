"""What a visitor or an officer is told when a rating or a complaint is refused, in Indonesian
and English, by the error's stable code (a key of its own where one code has several
sentences); ``{placeholders}`` holding a ``Sentence`` (a label, a status, a wait) are said in
each language (``shared.core.messages``)."""

from __future__ import annotations

from shared.core.messages import Catalog, Sentence

FEEDBACK_ERRORS = Catalog({
    # the labels of the texts a visitor or an officer writes
    "label.comment": Sentence("Komentar", "comment"),
    "label.complaint": Sentence("Pengaduan", "complaint"),
    "label.reply": Sentence("Balasan", "reply"),
    # any text
    "invalid_characters": Sentence(
        "{label} memuat karakter yang tidak dapat dipakai. Mohon ketik ulang.",
        "The {label} contains characters that cannot be used.",
    ),
    "too_long": Sentence(
        "{label} terlalu panjang: paling banyak {most} karakter (Anda mengetik {typed}).",
        "The {label} is too long: at most {most} characters (you typed {typed}).",
    ),
    "not_text": Sentence("{label} harus berupa teks.", "The {label} must be text."),
    # ratings
    "rating_code_required": Sentence(
        "Mohon ketik kode penilaian yang tercetak pada tiket Anda.",
        "Please type the rating code printed on your ticket.",
    ),
    "wrong_rating_code": Sentence(
        "Kode penilaian tidak cocok dengan tiket {number}. Periksa kode"
        " pada tiket Anda, lalu coba lagi.",
        "The rating code does not match ticket {number}. Check the code on"
        " your ticket and try again.",
    ),
    "answer_out_of_range": Sentence(
        "Jawaban harus angka 1 sampai 4 (diterima: {value!r}).",
        "The answer must be a number from 1 to 4 (got {value!r}).",
    ),
    "skm_length": Sentence(
        "Survei SKM harus berisi {count} jawaban, satu per unsur.",
        "The SKM survey must have {count} answers, one per element.",
    ),
    "not_finished": Sentence(
        "Tiket {number} belum selesai dilayani, jadi belum dapat dinilai.",
        "Ticket {number} has not been served to the end, so it cannot be rated yet.",
    ),
    "already_rated": Sentence(
        "Tiket {number} sudah dinilai. Terima kasih, satu penilaian per kunjungan.",
        "Ticket {number} has been rated already. Thank you: one rating per visit.",
    ),
    "rating_closed": Sentence(
        "Penilaian tiket {number} hanya dapat diberikan sampai {days} hari setelah kunjungan.",
        "Ticket {number} could be rated only up to {days} days after the visit.",
    ),
    "not_desk_last": Sentence(
        "Tiket {number} bukan tiket yang baru saja selesai di loket ini.",
        "Ticket {number} is not the one this desk has just finished.",
    ),
    "too_many_wrong_codes": Sentence(
        "Terlalu banyak kode penilaian yang salah. Coba lagi dalam {wait} detik,"
        " atau nilai dari ponsel Anda (pindai QR pada tiket).",
        "Too many wrong rating codes. Try again in {wait} seconds, or rate from"
        " your phone (scan the QR code on the ticket).",
    ),
    # complaints
    "complaint_required": Sentence("Mohon tuliskan pengaduan Anda.",
                                   "Please write your complaint."),
    "complaint_too_short": Sentence(
        "Mohon jelaskan pengaduan Anda (paling sedikit {least} karakter).",
        "Please describe your complaint (at least {least} characters).",
    ),
    "complaint_illegal_transition": Sentence(
        "Pengaduan ini berstatus {now}: tidak dapat diubah menjadi {to}.",
        "This complaint is {now}: it cannot become {to}.",
    ),
    "complaint_not_found": Sentence("Pengaduan tidak ditemukan.", "Complaint not found."),
    "complaint_closed": Sentence(
        "Pengaduan lewat halaman tiket hanya dapat dikirim sampai {days} hari setelah"
        " kunjungan. Silakan gunakan saluran resmi: {channels}.",
        "Complaints through a ticket's page can be sent up to {days} days after the"
        " visit. Please use the official channels: {channels}.",
    ),
    "too_many_complaints": Sentence(
        "Terlalu banyak pengaduan dalam waktu singkat. Silakan coba lagi dalam {wait}.",
        "Too many complaints in a short time. Please try again in {wait}.",
    ),
    "too_many_complaints.per_ticket": Sentence(
        "Tiket ini sudah mengirim {count} pengaduan dalam 24 jam terakhir."
        " Silakan coba lagi dalam {wait}.",
        "This ticket has sent {count} complaints in the last 24 hours."
        " Please try again in {wait}.",
    ),
    "wait.minute": Sentence("{count} menit", "{count} minute"),
    "wait.minutes": Sentence("{count} menit", "{count} minutes"),
    "wait.hours": Sentence("{count} jam", "{count} hours"),
    # reports
    "range_reversed": Sentence(
        "Tanggal akhir ({last}) sebelum tanggal awal ({first}).",
        "The end date ({last}) is before the start date ({first}).",
    ),
    "range_too_long": Sentence(
        "Rentang tanggal paling panjang {days} hari.",
        "The date range may span at most {days} days.",
    ),
})
