// Quiet, deterministic defaults for every test file; a test that wants logs sets LOG_LEVEL itself.
process.env.LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// EMF metric lines stay out of test output; the tests that check metrics set it to 'false' before emitting.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
