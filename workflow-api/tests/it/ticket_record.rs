//! Tickets a helpdesk publishes straight to the engine are reported to the ticket service
//! (`tickets.tasks.record_ticket`); the ticket service's own hand-offs are not echoed back.

use std::time::Duration;

use serde_json::json;
use tts_shared::events::{CeleryTask, TicketRecord};
use tts_shared::testing::eventually;

use crate::{agent, count, fixture, get, start};

const QUEUE: &str = "TICKET_TASKS_PRODUCTION";
const STATUS_QUEUE: &str = "TICKET_STATUS_QUEUE";

#[tokio::test(flavor = "multi_thread")]
async fn a_direct_ticket_is_recorded_once_per_delivery_and_a_ticket_service_hand_off_never() {
    let s = start().await;
    let direct = fixture("receive_ticket", |_| {});
    s.vhost.publish(QUEUE, &direct).await;
    let records = s.vhost.take(STATUS_QUEUE, 1).await;
    let record = TicketRecord::from_message(&records[0]).unwrap();
    assert_eq!(records[0].task, "tickets.tasks.record_ticket");
    assert_eq!(record.0.number().as_deref(), Some("TX20251231962083"));
    assert_eq!(
        record.0.employee_id,
        Some(14),
        "the requester travels with it"
    );
    assert_eq!(
        record
            .0
            .employee
            .as_ref()
            .and_then(|e| e.company_id.as_deref()),
        Some("MA0014"),
        "helpdesk fields pass through"
    );

    // A redelivery of the same message is a duplicate: no second record.
    s.vhost.publish(QUEUE, &direct).await;
    // The ticket service's own hand-off of another ticket, marked as such: no record either.
    let handed_off = fixture("receive_ticket", |t| {
        t["ticket_number"] = json!("TX20260101000001");
        t["tts_origin"] = json!("ticket-service");
    });
    s.vhost.publish(QUEUE, &handed_off).await;
    eventually("both deliveries", Duration::from_secs(10), || async {
        let (_, t) = get(&s, &agent(2), "/tickets/TX20260101000001/").await;
        let duplicates = count(&s, "SELECT count(*) AS n FROM processed_messages").await;
        (t["received_count"] == 1 && duplicates == 2).then_some(())
    })
    .await;
    assert_eq!(
        count(
            &s,
            "SELECT count(*) AS n FROM outbox_messages WHERE task = 'tickets.tasks.record_ticket'"
        )
        .await,
        1
    );
    assert_eq!(s.vhost.depth(STATUS_QUEUE).await, 0);
    s.finish().await;
}
