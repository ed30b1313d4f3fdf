/**
 * Unit tests run with strict refusals: a verb that gives a refusal its action does not declare
 * (types/<area>.ts `refusals`) is answered as INTERNAL, so the test provoking it fails. The
 * in-process test servers share this environment; spawned local servers inherit it.
 */
process.env.HONGSE_STRICT_REASONS = '1';
