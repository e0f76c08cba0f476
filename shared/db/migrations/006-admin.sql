-- The admin API (tenants, their API keys, operator tokens): keys and tokens may expire (a rotated
-- key keeps working until the end of its grace period, then stops), and operator tokens get the
-- prefix that tells them apart in listings, as API keys have. Tokens stored before this migration
-- have an empty prefix. One statement per block (the runner splits on a semicolon at the end of a line).

ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;

ALTER TABLE operator_tokens ADD COLUMN expires_at timestamptz;

ALTER TABLE operator_tokens ADD COLUMN prefix text NOT NULL DEFAULT '';
