//! Every endpoint of the workflow API, in one place.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub mod roles;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TTS workflow API",
        description = "Roles cache, versioned workflows, ticket intake and matching, round-robin assignment and task actions."
    ),
    tags((name = "roles"), (name = "workflows"), (name = "tickets"), (name = "tasks"))
)]
struct ApiDoc;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(roles::list))
        .routes(routes!(roles::detail, roles::put_role))
        .routes(routes!(roles::put_member, roles::delete_member))
}
