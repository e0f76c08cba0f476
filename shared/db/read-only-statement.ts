/**
 * Whether a statement may be sent again after its connection broke while it ran. The first try
 * may have run, even committed, so only a statement whose repetition changes nothing qualifies:
 * a SELECT (or WITH ... SELECT) that contains no data-modifying keyword and calls no function
 * with side effects. The test is a conservative text match: a keyword anywhere, even inside a
 * string literal or a column alias, makes the statement "not read-only", which only costs a 503
 * where a repeat would have answered. Our own SQL functions (migrations) are all side-effect free;
 * one that writes and is called from a SELECT would have to be added to SIDE_EFFECTS.
 */

const STARTS_AS_QUERY = /^\s*(?:\(\s*)*(?:SELECT|WITH)\b/i;

// Data-modifying commands (also in CTEs), SELECT ... INTO (creates a table), FOR UPDATE/SHARE
// locks (UPDATE, SHARE), and built-in functions that change state outside the statement.
const SIDE_EFFECTS =
  /\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE|INTO|COPY|CALL|LOCK|SHARE|NEXTVAL|SETVAL|SET_CONFIG|PG_NOTIFY|PG_ADVISORY_\w*|PG_TRY_ADVISORY_\w*|PG_TERMINATE_BACKEND|PG_CANCEL_BACKEND|PG_RELOAD_CONF|LO_\w+|DBLINK\w*|TXID_CURRENT|PG_CURRENT_XACT_ID)\b/i;

export function isReadOnlyStatement(sql: string): boolean {
  return STARTS_AS_QUERY.test(sql) && !SIDE_EFFECTS.test(sql);
}
