//! Attachment upload, checks, storage once per SHA-256, and download.

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use tts_shared::testing::TestService;

use crate::{QUEUE, agent, count, create, employee, start};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn upload(
    s: &TestService,
    token: &str,
    number: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let part = Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    let r = s
        .http
        .post(s.url(&format!("/tickets/{number}/attachments/")))
        .bearer_auth(token)
        .multipart(Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn upload_is_checked_stored_once_and_downloaded_with_its_name_and_type() {
    let s = start(&[("attachment_max_bytes", "4096")]).await;
    let (_, t) = create(&s, &employee(50), json!({"subject": "Screenshot"})).await;
    let n = t["ticket_number"].as_str().unwrap();
    s.vhost.take(QUEUE, 1).await;

    let (status, a) = upload(
        &s,
        &employee(50),
        n,
        "écran 1.png",
        "image/png",
        PNG.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{a}");
    assert_eq!(a["content_type"], "image/png");
    assert_eq!(a["size_bytes"], PNG.len());
    let (status, b) = upload(&s, &agent(3), n, "copy.png", "image/png", PNG.to_vec()).await;
    assert_eq!(status, 201, "staff may upload too: {b}");
    assert_eq!(a["sha256"], b["sha256"]);

    let r = s
        .http
        .get(s.url(a["url"].as_str().unwrap()))
        .bearer_auth(employee(50))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains("filename*=UTF-8''%C3%A9cran%201.png"),
        "{disposition}"
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);

    let stranger = s
        .http
        .get(s.url(a["url"].as_str().unwrap()))
        .bearer_auth(employee(51))
        .send()
        .await
        .unwrap();
    assert_eq!(stranger.status(), 404);

    // The hand-off carries the attachment metadata.
    let messages = s.vhost.take(QUEUE, 2).await;
    let files = messages[1].args[0]["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file_name"], "écran 1.png");
    s.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_uploads_are_refused_and_write_nothing() {
    let s = start(&[("attachment_max_bytes", "4096")]).await;
    let (_, t) = create(&s, &employee(60), json!({"subject": "Uploads"})).await;
    let n = t["ticket_number"].as_str().unwrap();
    let cases: Vec<(&str, &str, Vec<u8>, u16)> = vec![
        ("big.txt", "text/plain", vec![b'a'; 8192], 413),
        (
            "../../etc/passwd",
            "text/plain",
            b"root:x:0:0".to_vec(),
            422,
        ),
        ("..\\boot.ini", "text/plain", b"[boot]".to_vec(), 422),
        ("fake.png", "image/png", b"this is text".to_vec(), 415),
        (
            "tool.bin",
            "application/octet-stream",
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec(),
            415,
        ),
        ("empty.txt", "text/plain", Vec::new(), 422),
    ];
    for (name, mime, bytes, expected) in cases {
        let (status, body) = upload(&s, &employee(60), n, name, mime, bytes).await;
        assert_eq!(status, expected, "{name}: {body}");
        assert!(
            body["error"]["code"].is_string(),
            "{name}: JSON error: {body}"
        );
    }
    let (status, _) = upload(&s, &employee(61), n, "x.txt", "text/plain", b"hi".to_vec()).await;
    assert_eq!(status, 404, "another requester's ticket");
    let not_multipart = s
        .http
        .post(s.url(&format!("/tickets/{n}/attachments/")))
        .bearer_auth(employee(60))
        .json(&json!({"file": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(not_multipart.status(), 415);
    assert_eq!(count(&s, "attachments").await, 0);
    s.finish().await;
}
