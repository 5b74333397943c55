"""What a visitor or an officer is told when the queue refuses something, in Indonesian and
English, by the error's stable code (a key of its own where one code has several sentences);
``{placeholders}`` holding a ``Sentence`` (a status, a service's name) are said in each
language (``shared.core.messages``)."""

from __future__ import annotations

from shared.core.messages import Catalog, Sentence

QUEUE_ERRORS = Catalog({
    # a ticket's transitions: "Ticket K001 is waiting: it cannot be finished."
    "illegal_transition": Sentence(
        "Tiket {number} berstatus {status}: tidak dapat {action}.",
        "Ticket {number} is {status}: it cannot be {action}.",
    ),
    "action.call": Sentence("dipanggil", "called"),
    "action.recall": Sentence("dipanggil ulang", "recalled"),
    "action.finish": Sentence("diselesaikan", "finished"),
    "action.no_show": Sentence("ditandai tidak hadir", "marked as no-show"),
    "action.close": Sentence("ditutup", "closed"),
    "action.transfer": Sentence("dirujuk ke layanan lain", "referred to another service"),
    "follow_up_closed": Sentence("Tindak lanjut ini sudah ditutup.",
                                 "This follow-up is already closed."),
    # taking a number
    "unknown_service": Sentence("Layanan {code!r} tidak dikenal.", "Unknown service {code!r}."),
    "consent_required": Sentence(
        "Mohon setujui pemberitahuan pengolahan data pribadi untuk mengambil nomor.",
        "Please agree to the personal data notice to take a number.",
    ),
    "visitor_limit": Sentence(
        "Anda sudah memegang {limit} nomor antrian yang belum selesai hari ini.",
        "You already hold {limit} unfinished queue numbers today.",
    ),
    "reference_expired": Sentence(
        "Data kunjungan sebelumnya sudah kedaluwarsa. Silakan masukkan nomor identitas lagi.",
        "The earlier visit's details have expired. Please enter the ID number again.",
    ),
    "reference_used": Sentence(
        "Data kunjungan sebelumnya sudah dipakai untuk satu nomor antrian. Silakan masukkan"
        " nomor identitas lagi.",
        "The earlier visit's details were already used for a queue number. Please enter"
        " the ID number again.",
    ),
    "idempotency_conflict": Sentence(
        "Kunci Idempotency-Key ini sudah dipakai untuk permintaan lain.",
        "This Idempotency-Key was already used for a different request.",
    ),
    "service_not_offered": Sentence("Layanan ini tidak tersedia.",
                                    "This service is not offered."),  # why, in /services
    "service_disabled": Sentence("Layanan {service} tidak tersedia saat ini.",
                                 "The service {service} is not offered at the moment."),
    "visitor_not_found": Sentence("Data pengunjung belum ada. Silakan isi buku tamu.",
                                  "No earlier visit found. Please fill in the guest book."),
    "too_many_lookups": Sentence(
        "Terlalu banyak pencarian data pengunjung. Coba lagi dalam {wait} detik.",
        "Too many visitor lookups. Try again in {wait} seconds.",
    ),
    # the desks
    "desk_busy": Sentence(
        "{desk} masih melayani {number}. Selesaikan atau tandai tidak hadir dahulu.",
        "{desk} is still serving {number}. Finish it or mark it as a no-show first.",
    ),
    "queue_empty": Sentence("Tidak ada antrian yang menunggu.", "Nobody is waiting."),
    "same_service": Sentence("Pengunjung sudah berada di layanan ini.",
                             "The visitor is already in this service."),
    # an officer's notes and follow-ups
    "required": Sentence("Wajib diisi.", "Required."),
    "too_long": Sentence("Paling banyak {limit} karakter.", "At most {limit} characters."),
    "invalid_text": Sentence("Teks berisi karakter yang tidak sah.",
                             "The text contains invalid characters."),
    "not_served_yet": Sentence(
        "{number} belum dilayani: tindak lanjut ditandai saat atau setelah pelayanan.",
        "{number} has not been served yet: mark a follow-up during or after the visit.",
    ),
    "follow_up_exists": Sentence(
        "Kunjungan {number} sudah ditandai perlu tindak lanjut.",
        "Visit {number} is already marked for follow-up.",
    ),
    "follow_up_not_found": Sentence("Tindak lanjut tidak ditemukan.", "Follow-up not found."),
    # the visits' list
    "range_reversed": Sentence("Tanggal akhir sebelum tanggal awal.",
                               "The end date is before the start date."),
    "range_too_long": Sentence("Paling panjang {days} hari sekaligus.",
                               "At most {days} days at once."),
})
