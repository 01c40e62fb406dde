// Every page of the console, in one place. Areas keep their own route lists
// (pages/<area>/routes.tsx); this file puts them under the signed-in layout.
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { AppLayout } from "@/components/AppLayout";
import { RequireSession, SessionWatch, useMe } from "@/auth/session";
import { homePath } from "@/navigation";
import { SignInPage } from "@/pages/signin/SignInPage";
import { ticketRoutes } from "@/pages/tickets/routes";
import { notificationRoutes } from "@/pages/notifications/routes";
import { CrashPage, NotFoundPage } from "@/pages/NotFoundPage";

function Home() {
  return <Navigate to={homePath(useMe())} replace />;
}

export const routes: RouteObject[] = [
  {
    element: <SessionWatch />,
    errorElement: <CrashPage />,
    children: [
      { path: "/sign-in", element: <SignInPage /> },
      {
        path: "/",
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        errorElement: <CrashPage />,
        children: [
          { index: true, element: <Home /> },
          // Pages load when first visited, so the first page shows sooner.
          { path: "work", lazy: async () => ({ Component: (await import("@/pages/work/MyWorkPage")).MyWorkPage }) },
          { path: "tasks/:taskId", lazy: async () => ({ Component: (await import("@/pages/tasks/TaskPage")).TaskPage }) },
          ...ticketRoutes,
          ...notificationRoutes,
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function makeRouter() {
  return createBrowserRouter(routes);
}
