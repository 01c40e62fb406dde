//! Every endpoint of the workflow API, in one place.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub mod analytics;
pub mod audit;
pub mod end_logic;
pub mod me;
pub mod people;
pub mod roles;
pub mod sign_in;
pub mod tasks;
pub mod tickets;
pub mod workflows;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TTS workflow API",
        description = "Roles cache, versioned workflows, ticket intake and matching, round-robin assignment and task actions."
    ),
    tags((name = "roles"), (name = "workflows"), (name = "tickets"), (name = "tasks"), (name = "audit"), (name = "end-logic"), (name = "analytics"), (name = "people"), (name = "me"), (name = "auth"))
)]
struct ApiDoc;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(roles::list))
        .routes(routes!(roles::detail, roles::put_role))
        .routes(routes!(roles::list_members))
        .routes(routes!(roles::put_member, roles::delete_member))
        .routes(routes!(workflows::list, workflows::create))
        .routes(routes!(
            workflows::detail,
            workflows::patch,
            workflows::delete
        ))
        .routes(routes!(workflows::put_graph))
        .routes(routes!(workflows::validate))
        .routes(routes!(workflows::publish))
        .routes(routes!(workflows::pause))
        .routes(routes!(workflows::resume))
        .routes(routes!(workflows::versions))
        .routes(routes!(workflows::version))
        .routes(routes!(workflows::steps))
        .routes(routes!(workflows::transitions))
        .routes(routes!(tickets::list))
        .routes(routes!(tickets::detail))
        .routes(routes!(tickets::assign_workflow))
        .routes(routes!(tasks::mine))
        .routes(routes!(tasks::list))
        .routes(routes!(tasks::detail))
        .routes(routes!(tasks::transition))
        .routes(routes!(tasks::finalize))
        .routes(routes!(tasks::escalate))
        .routes(routes!(tasks::transfer))
        .routes(routes!(tasks::start))
        .routes(routes!(tasks::take_over))
        .routes(routes!(tasks::hold))
        .routes(routes!(tasks::resume))
        .routes(routes!(tasks::timeline))
        .routes(routes!(tasks::sla))
        .routes(routes!(audit::events))
        .routes(routes!(end_logic::list))
        .routes(routes!(end_logic::retry))
        .routes(routes!(analytics::dashboard))
        .routes(routes!(analytics::sla))
        .routes(routes!(analytics::workload))
        .routes(routes!(analytics::workflows))
        .routes(routes!(analytics::steps))
        .routes(routes!(analytics::trends))
        .routes(routes!(analytics::tasks))
        .routes(routes!(people::list))
}

/// The endpoints employees may call too (no role needed): who am I, demo sign-in, sign-out.
pub fn for_everyone() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me::get_me))
        .routes(routes!(sign_in::list_people))
        .routes(routes!(sign_in::sign_in))
        .routes(routes!(sign_in::sign_out))
}
