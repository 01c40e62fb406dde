import { expect, test } from "@playwright/test";
import { documentPage, signIn, staff } from "./support";

test("a person signs in from the demo list, sees who they are, and signs out", async ({ page }) => {
  await page.goto("/work");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fwork/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in as Juan Dela Cruz" })).toBeVisible();
  await documentPage(page, "sign-in");

  await page.getByRole("button", { name: "Sign in as Ana Cruz" }).click();
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByRole("heading", { name: "My work" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Account: Ana Cruz" })).toBeVisible();

  await page.getByRole("button", { name: "Account: Ana Cruz" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // The cookie is gone: the console no longer lets anyone in.
  await page.goto("/work");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an expired session sends the person back to sign in, then to where they were", async ({ page, context }) => {
  const ana = staff(11, "Ana Cruz", "Service Desk Agent");
  await signIn(context, ana);
  await page.goto("/work");
  await expect(page.getByRole("heading", { name: "My work" })).toBeVisible();

  // The session ends while the page is open: the next call is refused (401).
  await signIn(context, ana, -60);
  await page.getByRole("button", { name: "Refresh my work" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fwork&expired=1/);
  await expect(page.getByRole("status").filter({ hasText: "Your session has ended" })).toBeVisible();

  await page.getByRole("button", { name: "Sign in as Ana Cruz" }).click();
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByRole("heading", { name: "My work" })).toBeVisible();
});
