//! Every endpoint of the ticket service, in one place.

use axum::extract::DefaultBodyLimit;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub mod attachments;
pub mod audit;
pub mod tickets;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TTS ticket service",
        description = "Ticket intake from people and helpdesks, attachments, and the lossless hand-off of each ticket to the workflow engine."
    ),
    tags(
        (name = "tickets", description = "Create, list, read and change tickets; helpdesk upserts."),
        (name = "attachments", description = "Files attached to a ticket."),
        (name = "audit", description = "Who created, changed or upserted which ticket.")
    )
)]
struct ApiDoc;

pub fn router(state: &AppState) -> OpenApiRouter<AppState> {
    // Uploads get their own body limit: the file limit plus room for the multipart framing.
    let upload_limit = state.settings.attachment_max_bytes as usize + 64 * 1024;
    let uploads = OpenApiRouter::new()
        .routes(routes!(attachments::upload))
        .layer(DefaultBodyLimit::max(upload_limit));
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(tickets::create, tickets::list))
        .routes(routes!(tickets::send))
        .routes(routes!(tickets::detail, tickets::patch))
        .routes(routes!(attachments::download))
        .routes(routes!(audit::list))
        .merge(uploads)
}
