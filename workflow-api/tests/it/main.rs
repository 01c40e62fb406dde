//! Integration tests of the workflow-api binary against real PostgreSQL and RabbitMQ.

#[tokio::test(flavor = "multi_thread")]
async fn binary_creates_its_database_reports_readiness_and_survives_a_broker_outage() {
    tts_shared::testing::check_service_binary(env!("CARGO_BIN_EXE_workflow-api"), "workflow-api")
        .await;
}
