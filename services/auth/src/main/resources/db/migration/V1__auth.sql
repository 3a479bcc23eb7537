create table users (
    id            uuid primary key,
    email         text        not null,
    password_hash text        not null,
    created_at    timestamptz not null
);
-- Uniqueness is the database's job, so concurrent signups cannot both win.
create unique index users_email_lower_key on users (lower(email));

-- ES256 signing keys, generated at first start; the private part never leaves this table and the process.
create table signing_keys (
    kid         text primary key,
    private_key text        not null, -- private JWK (JSON)
    public_key  text        not null, -- public JWK (JSON), served by the JWKS endpoint while active
    created_at  timestamptz not null,
    active      boolean     not null default true
);

-- A family is one signin; every rotation adds a token to it; reuse of a rotated token revokes it.
create table refresh_token_families (
    id         uuid primary key,
    user_id    uuid        not null references users (id),
    created_at timestamptz not null,
    expires_at timestamptz not null, -- absolute: rotation does not extend it
    revoked_at timestamptz
);

create table refresh_tokens (
    token_hash bytea primary key, -- SHA-256 of the opaque token; the token itself is never stored
    family_id  uuid        not null references refresh_token_families (id),
    created_at timestamptz not null,
    rotated_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);

-- Signin attempts per email (lower-cased), shared by all instances; rows older than the window are useless.
create table signin_attempts (
    id           uuid primary key,
    email_key    text        not null,
    attempted_at timestamptz not null
);
create index signin_attempts_email on signin_attempts (email_key, attempted_at);
