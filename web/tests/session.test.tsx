import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@mantine/core";
import { RequireSession, SessionWatch } from "@/auth/session";
import { api, unwrap } from "@/api/clients";
import { SignInPage } from "@/pages/signin/SignInPage";
import { errorBody, json, renderWithProviders, SERVICES, stubFetch } from "./render";

const me = {
  user_id: 11,
  user_type: "staff",
  full_name: "Ana Cruz",
  email: "ana.cruz@example.com",
  roles: [{ system: "tts", role: "Service Desk Agent" }],
  is_admin: false,
  expires_at: "2026-12-02T10:00:00Z",
};
const people = {
  items: [
    { key: "admin", user_id: 1, user_type: "staff", full_name: "Maria Santos", roles: [{ system: "tts", role: "Admin" }], title: "Admin" },
    { key: "agent1", user_id: 11, user_type: "staff", full_name: "Ana Cruz", roles: [{ system: "tts", role: "Service Desk Agent" }], title: "Agent" },
    { key: "requester", user_id: 501, user_type: "employee", full_name: "Juan Dela Cruz", roles: [], title: "Requester" },
  ],
};

function Work() {
  const work = useQuery({ queryKey: ["w"], queryFn: () => unwrap(api().workflow.GET("/tasks/mine/", {})), enabled: false });
  return (
    <>
      <h1>My work</h1>
      <Button onClick={() => void work.refetch()}>Refresh</Button>
    </>
  );
}

const routes = [
  {
    element: <SessionWatch />,
    children: [
      { path: "/sign-in", element: <SignInPage /> },
      { path: "/work", element: (<RequireSession><Work /></RequireSession>) },
    ],
  },
];

describe("session", () => {
  it("without a session, a page sends the person to sign in and back", async () => {
    let signedIn = false;
    const calls = stubFetch({
      [`GET ${SERVICES.workflow}/me/`]: () => (signedIn ? json(me) : errorBody(401, "unauthorized", "no token")),
      [`GET ${SERVICES.workflow}/auth/demo/people/`]: () => json(people),
      [`POST ${SERVICES.workflow}/auth/demo/sign-in/`]: () => {
        signedIn = true;
        return new Response(null, { status: 204 });
      },
    });
    const { router } = renderWithProviders(<div />, { routes, route: "/work" });
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?next=%2Fwork");
    expect(await screen.findByRole("region", { name: "Requesters" })).toHaveTextContent("Juan Dela Cruz");
    await userEvent.click(screen.getByRole("button", { name: "Sign in as Ana Cruz" }));
    expect(await screen.findByRole("heading", { name: "My work" })).toBeInTheDocument();
    const signIn = calls.find((c) => c.url.endsWith("/auth/demo/sign-in/"))!;
    expect(await signIn.json()).toEqual({ key: "agent1" });
    expect(signIn.credentials).toBe("include");
  });

  it("a 401 from any service later on ends the session and says so", async () => {
    stubFetch({
      [`GET ${SERVICES.workflow}/me/`]: () => json(me),
      [`GET ${SERVICES.workflow}/tasks/mine/`]: () => errorBody(401, "unauthorized", "token expired"),
      [`GET ${SERVICES.workflow}/auth/demo/people/`]: () => json(people),
    });
    const { router } = renderWithProviders(<div />, { routes, route: "/work" });
    await userEvent.click(await screen.findByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Your session has ended")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(router.state.location.search).toBe("?next=%2Fwork&expired=1");
  });

  it("says where to sign in when demo sign-in is off", async () => {
    stubFetch({
      [`GET ${SERVICES.workflow}/me/`]: () => errorBody(401, "unauthorized", "no token"),
      [`GET ${SERVICES.workflow}/auth/demo/people/`]: () => errorBody(404, "not_found", "no such resource"),
    });
    renderWithProviders(<div />, { routes, route: "/sign-in" });
    expect(await screen.findByText(/Sign in with your organisation's account/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Sign in as/ })).not.toBeInTheDocument();
  });
});
