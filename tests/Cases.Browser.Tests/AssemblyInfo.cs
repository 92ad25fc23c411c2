// Each test class starts its own app and Chromium: run side by side on a 2-core machine they starve each other
// (a sign-in waited past Playwright's 30 s), so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
