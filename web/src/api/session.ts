// Who is signed in, and the development/demo sign-in (workflow API: /me/, /auth/…).
import type { components } from "./generated/workflow-api";
import { api, unwrap } from "./clients";
import { isApiError } from "./errors";

export type Me = components["schemas"]["Me"];
export type DemoPerson = components["schemas"]["DemoPersonView"];
export type RoleGrant = components["schemas"]["SystemRole"];

export async function fetchMe(): Promise<Me> {
  return unwrap(api().workflow.GET("/me/", {}));
}

/** The demo people, or null when demo sign-in is not enabled (404). */
export async function fetchDemoPeople(): Promise<DemoPerson[] | null> {
  try {
    return (await unwrap(api().workflow.GET("/auth/demo/people/", {}))).items;
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export async function demoSignIn(key: string): Promise<void> {
  await unwrap(api().workflow.POST("/auth/demo/sign-in/", { body: { key } }));
}

export async function signOut(): Promise<void> {
  await unwrap(api().workflow.POST("/auth/sign-out/", {}));
}
