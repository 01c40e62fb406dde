//! Fault injection for `tts-faults`: a helpdesk sends tickets at a steady rate while a fault is
//! injected; afterwards every ticket is followed to its task and its assignment notification, and
//! duplicates are counted.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{Confirmation, Connection, ConnectionProperties};
use serde_json::json;

use crate::System;

/// What one fault did to the pipeline.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub fault: String,
    /// Tickets the broker confirmed taking.
    pub submitted: usize,
    pub tasks: i64,
    pub duplicate_tasks: i64,
    pub notifications: i64,
    pub duplicate_notifications: i64,
    /// How long injecting the fault took (for a restart: until the restarted part was up).
    pub fault_took: Duration,
    /// From the end of the fault to the first ticket sent after it being assigned and notified.
    pub recovery: Option<Duration>,
}

impl Outcome {
    pub fn lost(&self) -> i64 {
        (self.submitted as i64 - self.tasks).max(0)
            + (self.submitted as i64 - self.notifications).max(0)
    }
}

/// Publishes Celery `receive_ticket` messages at `rate` until stopped, each until the broker
/// confirms it (reconnecting as a helpdesk's Celery app would). Records when each was confirmed.
pub struct Helpdesk {
    confirmed: Arc<Mutex<HashMap<String, DateTime<Utc>>>>,
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Helpdesk {
    pub fn start(amqp_url: String, prefix: String, rate: f64) -> Helpdesk {
        let confirmed: Arc<Mutex<HashMap<String, DateTime<Utc>>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let task = tokio::spawn(send(
            amqp_url,
            prefix,
            rate,
            confirmed.clone(),
            stop.clone(),
        ));
        Helpdesk {
            confirmed,
            stop,
            task,
        }
    }

    /// Stops sending; answers every confirmed ticket with its confirmation time.
    pub async fn finish(self) -> HashMap<String, DateTime<Utc>> {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.task.await;
        self.confirmed.lock().map(|c| c.clone()).unwrap_or_default()
    }
}

async fn send(
    url: String,
    prefix: String,
    rate: f64,
    confirmed: Arc<Mutex<HashMap<String, DateTime<Utc>>>>,
    stop: Arc<AtomicBool>,
) {
    let start = tokio::time::Instant::now();
    let mut channel = None;
    let mut i = 0usize;
    while !stop.load(Ordering::SeqCst) {
        tokio::time::sleep_until(start + Duration::from_secs_f64(i as f64 / rate)).await;
        let number = format!("{prefix}{i:06}");
        // The same ticket again until the broker has it: at least once, like a Celery producer.
        loop {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            if channel.is_none() {
                channel = open(&url).await;
                if channel.is_none() {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                }
            }
            let Some((_, ch)) = channel.as_ref() else {
                continue;
            };
            match publish(ch, &number, i).await {
                Ok(()) => {
                    if let Ok(mut c) = confirmed.lock() {
                        c.insert(number.clone(), Utc::now());
                    }
                    break;
                }
                Err(()) => {
                    channel = None;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        i += 1;
    }
}

/// A connection and a confirm-mode channel on it.
async fn open(url: &str) -> Option<(Connection, lapin::Channel)> {
    let conn = tokio::time::timeout(
        Duration::from_secs(5),
        Connection::connect(url, ConnectionProperties::default()),
    )
    .await
    .ok()?
    .ok()?;
    let channel = conn.create_channel().await.ok()?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .ok()?;
    Some((conn, channel))
}

async fn publish(channel: &lapin::Channel, number: &str, i: usize) -> Result<(), ()> {
    let ticket = json!({
        "ticket_number": number, "subject": "Fault run", "description": "", "category": "Hardware",
        "sub_category": null, "priority": "Medium", "department": "IT Department", "status": "Open",
        "employee_id": 20_000 + (i % 50), "employee": {"first_name": "Fault", "last_name": "Run"},
    });
    let message = tts_shared::amqp::TaskMessage::new(
        "tickets.tasks.receive_ticket",
        vec![ticket],
        Default::default(),
    );
    let (properties, body) = message.encode();
    let confirm = channel
        .basic_publish(
            "".into(),
            "TICKET_TASKS_PRODUCTION".into(),
            BasicPublishOptions {
                mandatory: true,
                ..BasicPublishOptions::default()
            },
            &body,
            properties,
        )
        .await
        .map_err(|_| ())?;
    match tokio::time::timeout(Duration::from_secs(10), confirm).await {
        Ok(Ok(Confirmation::Ack(None))) => Ok(()),
        _ => Err(()),
    }
}

/// Follows the tickets in `sent` until each has a task and an assignment notification, or
/// `patience` runs out; counts what arrived and what arrived twice.
pub async fn outcome(
    sys: &System,
    fault: &str,
    prefix: &str,
    sent: &HashMap<String, DateTime<Utc>>,
    (injected, restored): (DateTime<Utc>, DateTime<Utc>),
    patience: Duration,
) -> Outcome {
    let tasks_sql = format!(
        "SELECT count(DISTINCT ticket_number) AS n FROM tasks WHERE ticket_number LIKE '{prefix}%'"
    );
    let notes_sql = format!(
        "SELECT count(DISTINCT related_ticket_number) AS n FROM notifications \
         WHERE notification_type = 'task_assignment' AND related_ticket_number LIKE '{prefix}%'"
    );
    let deadline = Instant::now() + patience;
    loop {
        let tasks = sys.database(1).count(&tasks_sql).await;
        let notes = sys.database(3).count(&notes_sql).await;
        if (tasks as usize >= sent.len() && notes as usize >= sent.len())
            || Instant::now() > deadline
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let tasks = sys.database(1).count(&tasks_sql).await;
    let all_tasks = sys
        .database(1)
        .count(&format!(
            "SELECT count(*) AS n FROM tasks WHERE ticket_number LIKE '{prefix}%'"
        ))
        .await;
    let notifications = sys.database(3).count(&notes_sql).await;
    let all_notifications = sys
        .database(3)
        .count(&format!(
            "SELECT count(*) AS n FROM notifications WHERE notification_type = 'task_assignment' \
             AND related_ticket_number LIKE '{prefix}%'"
        ))
        .await;
    Outcome {
        fault: fault.to_string(),
        submitted: sent.len(),
        tasks,
        duplicate_tasks: all_tasks - tasks,
        notifications,
        duplicate_notifications: all_notifications - notifications,
        fault_took: (restored - injected).to_std().unwrap_or_default(),
        recovery: recovery(sys, prefix, sent, restored).await,
    }
}

async fn recovery(
    sys: &System,
    prefix: &str,
    sent: &HashMap<String, DateTime<Utc>>,
    restored: DateTime<Utc>,
) -> Option<Duration> {
    crate::bench::stored_assignments(sys.database(3), prefix)
        .await
        .into_iter()
        .filter(|(ticket, _)| sent.get(ticket).is_some_and(|at| *at > restored))
        .map(|(_, at)| at)
        .min()
        .and_then(|first| (first - restored).to_std().ok())
}

/// Runs `command`; whether it succeeded.
pub async fn shell(command: &str, args: &[&str]) -> bool {
    tokio::process::Command::new(command)
        .args(args)
        .status()
        .await
        .map(|s| s.success())
        .unwrap_or(false)
}
