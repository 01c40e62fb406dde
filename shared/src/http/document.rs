//! Completes a service's OpenAPI document with what every operation shares, so each service
//! documents only its own outcomes: the generic error responses (each the [`super::ErrorBody`]
//! envelope), a description on every response, and the document's `info`.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::Response;
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{OpenApi, RefOr};

/// What the document says about the service.
pub struct About<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub description: &'a str,
}

/// Adds to every operation each generic error response it can give and does not document yet:
/// 401 + 403 when it requires authentication, 400/413/415/422 when it takes a JSON body, 422
/// when it takes query or path parameters, 404 when it has path parameters, 500 and 503 always.
pub fn complete(openapi: &mut OpenApi, about: &About<'_>) {
    openapi.info.title = about.name.to_string();
    openapi.info.version = about.version.to_string();
    openapi.info.description = Some(format!(
        "{}\n\nEvery error answers the same JSON envelope, `ErrorBody`: \
         `{{\"error\": {{\"code\", \"message\", \"fields\"}}, \"request_id\"}}`. Invalid input is \
         422 `validation_failed` listing every problem in `fields`, each naming the body field \
         (dotted path), query or path parameter.",
        about.description
    ));
    let default_security = openapi.security.clone();
    for item in openapi.paths.paths.values_mut() {
        let shared_parameters: Vec<ParameterIn> = item
            .parameters
            .iter()
            .flatten()
            .filter_map(parameter_in)
            .collect();
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            complete_operation(operation, default_security.as_deref(), &shared_parameters);
        }
    }
}

fn parameter_in(parameter: &RefOr<utoipa::openapi::path::Parameter>) -> Option<ParameterIn> {
    match parameter {
        RefOr::T(p) => Some(p.parameter_in.clone()),
        RefOr::Ref(_) => None,
    }
}

fn requires_authentication(requirements: Option<&[SecurityRequirement]>) -> bool {
    // `{}` in the list means "no authentication" is one of the accepted ways.
    let Some(requirements) = requirements else {
        return false;
    };
    !requirements.is_empty()
        && requirements.iter().all(|r| {
            serde_json::to_value(r).is_ok_and(|v| v.as_object().is_some_and(|o| !o.is_empty()))
        })
}

fn complete_operation(
    operation: &mut Operation,
    default_security: Option<&[SecurityRequirement]>,
    shared_parameters: &[ParameterIn],
) {
    let security = operation.security.as_deref().or(default_security);
    let mut parameters: Vec<ParameterIn> = shared_parameters.to_vec();
    parameters.extend(
        operation
            .parameters
            .iter()
            .flatten()
            .filter_map(parameter_in),
    );
    let has_path = parameters.iter().any(|p| matches!(p, ParameterIn::Path));
    let has_query = parameters.iter().any(|p| matches!(p, ParameterIn::Query));
    let json_body = match &operation.request_body {
        Some(RefOr::T(body)) => body.content.keys().any(|k| k.contains("json")),
        Some(RefOr::Ref(_)) => true,
        None => false,
    };
    let mut generic: Vec<(u16, &str)> = Vec::new();
    if requires_authentication(security) {
        generic.push((
            401,
            "not authenticated: no, an expired or an invalid token or key",
        ));
        generic.push((403, "authenticated, but not allowed to do this"));
    }
    if json_body {
        generic.push((400, "`malformed_json`: the body is not JSON"));
        generic.push((413, "`payload_too_large`: the body is larger than allowed"));
        generic.push((
            415,
            "`unsupported_media_type`: the body is not `application/json`",
        ));
    }
    if json_body || has_path || has_query {
        generic.push((
            422,
            "`validation_failed`: every invalid field or parameter, each named in `fields`",
        ));
    }
    if has_path {
        generic.push((404, "`not_found`: nothing has this id"));
    }
    generic.push((
        500,
        "`internal`: an unexpected error; the request id finds it in the logs",
    ));
    generic.push((
        503,
        "`unavailable`: the database or broker is unreachable, or the request took too long",
    ));
    let responses = &mut operation.responses.responses;
    for (status, description) in generic {
        responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(error_response(description)));
    }
    for (status, response) in responses.iter_mut() {
        if let RefOr::T(response) = response
            && response.description.trim().is_empty()
        {
            response.description = describe_status(status);
        }
    }
}

fn error_response(description: &str) -> Response {
    serde_json::from_value(serde_json::json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    }))
    .expect("a response with a reference deserializes")
}

fn describe_status(status: &str) -> String {
    status
        .parse::<u16>()
        .ok()
        .and_then(|code| axum::http::StatusCode::from_u16(code).ok())
        .and_then(|code| code.canonical_reason())
        .map(str::to_string)
        .unwrap_or_else(|| format!("status {status}"))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn document() -> OpenApi {
        serde_json::from_value(json!({
            "openapi": "3.1.0",
            "info": {"title": "", "version": ""},
            "paths": {
                "/tickets/{id}": {
                    "get": {
                        "operationId": "getTicket",
                        "parameters": [{"name": "id", "in": "path", "required": true,
                                        "schema": {"type": "integer"}}],
                        "security": [{"bearer": []}],
                        "responses": {
                            "200": {"description": ""},
                            "404": {"description": "no such ticket"}
                        }
                    },
                    "patch": {
                        "operationId": "updateTicket",
                        "parameters": [{"name": "id", "in": "path", "required": true,
                                        "schema": {"type": "integer"}}],
                        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                        "responses": {"200": {"description": "updated"}}
                    }
                },
                "/health/live": {"get": {"operationId": "live", "security": [{}],
                    "responses": {"200": {"description": "alive"}}}}
            },
            "security": [{"api_key": []}]
        }))
        .unwrap()
    }

    fn statuses(doc: &Value, path: &str, method: &str) -> Vec<String> {
        doc["paths"][path][method]["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn every_operation_gets_the_generic_errors_it_can_give() {
        let mut doc = document();
        complete(
            &mut doc,
            &About {
                name: "ticket-service",
                version: "1.2.3",
                description: "Tickets.",
            },
        );
        let doc = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            statuses(&doc, "/tickets/{id}", "get"),
            ["200", "401", "403", "404", "422", "500", "503"]
        );
        assert_eq!(
            statuses(&doc, "/tickets/{id}", "patch"),
            [
                "200", "400", "401", "403", "404", "413", "415", "422", "500", "503"
            ],
            "the document's default security applies"
        );
        assert_eq!(statuses(&doc, "/health/live", "get"), ["200", "500", "503"]);
        let get = &doc["paths"]["/tickets/{id}"]["get"]["responses"];
        assert_eq!(
            get["404"]["description"], "no such ticket",
            "kept as written"
        );
        assert_eq!(get["200"]["description"], "OK", "empty description filled");
        assert_eq!(
            get["401"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ErrorBody"
        );
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["info"]["title"], "ticket-service");
        assert_eq!(doc["info"]["version"], "1.2.3");
        assert!(
            doc["info"]["description"]
                .as_str()
                .unwrap()
                .starts_with("Tickets.")
        );
    }
}
