-- The rows of a windowed load whose key the source gave before, dated outside the window (a key duplicated across
-- the window's edge): a full run keeps that earlier copy, so the load quarantines these rows instead of taking them
-- for records that moved into the window. Scratch like every stg_ table: filled and emptied inside one load.
CREATE TABLE IF NOT EXISTS stg_shadowed_row (
    source_name VARCHAR NOT NULL,
    source_row  BIGINT NOT NULL
);
