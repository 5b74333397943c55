"""The console's domain objects -> API shapes (the officer sees guest-book data, masked ids)."""

from __future__ import annotations

from fastapi import Request

from shared.api import console_models as models
from shared.core.queue.office import QueueOffice
from shared.core.queue.read_model import DeskView, FollowUpView, TicketRecord, Visit
from shared.core.settings import Settings
from shared.server import views


def desk_setup(settings: Settings, desk_id: str) -> models.DeskSetupOut:
    desk = settings.desk(desk_id)
    assert desk is not None
    return models.DeskSetupOut(id=desk.id, name=desk.name, name_en=desk.name_en or desk.name,
                               services=list(desk.services))


def visit_out(request: Request, office: QueueOffice, visit: Visit) -> models.VisitOut:
    record = views.record_out(request, office, TicketRecord(visit.ticket, visit.guest))
    note = visit.note
    follow_up = visit.follow_up
    return models.VisitOut(
        **record.model_dump(),
        note=models.NoteOut(text=note.text, author=note.author,
                            updated_at=office.calendar.local(note.updated_at)) if note else None,
        follow_up=follow_up_out(office, FollowUpView(
            follow_up, visit, follow_up.overdue(office.calendar.today())
        )) if follow_up else None,
    )


def follow_up_out(office: QueueOffice, view: FollowUpView) -> models.FollowUpOut:
    f, t, g = view.follow_up, view.visit.ticket, view.visit.guest
    assert f.id is not None
    local = office.calendar.local
    return models.FollowUpOut(
        id=f.id, ticket_id=f.ticket_id, number=t.number, service=t.service, visit_day=t.day,
        due_on=f.due_on, overdue=view.overdue, open=f.open, note=f.note,
        opened_by=f.opened_by, opened_at=local(f.opened_at),
        closed_at=local(f.closed_at) if f.closed_at else None,
        closed_by=f.closed_by, closing_note=f.closing_note,
        visitor_name=g.name if g else None, institution=g.institution if g else None,
    )


def desk_view_out(request: Request, office: QueueOffice, view: DeskView) -> models.DeskViewOut:
    settings = office.settings
    queues = []
    for code, tickets in view.waiting.items():
        service = settings.service(code)
        assert service is not None
        queues.append(models.ServiceQueueOut(
            service=code, name=service.name, name_en=service.name_en,
            total=view.waiting_total[code],
            tickets=[
                models.WaitingOut(id=w.ticket.id or 0, number=w.ticket.number,
                                  priority=w.ticket.priority,
                                  issued_at=office.calendar.local(w.ticket.issued_at),
                                  minutes_waited=w.minutes_waited)
                for w in tickets
            ],
        ))
    return models.DeskViewOut(
        version=view.version,
        now=view.now,
        desk=desk_setup(settings, view.desk.id),
        current=visit_out(request, office, view.current) if view.current else None,
        waiting=queues,
        follow_ups_open=view.follow_ups_open,
        follow_ups_overdue=view.follow_ups_overdue,
    )
