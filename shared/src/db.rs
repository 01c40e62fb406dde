//! PostgreSQL: the pool, database creation and migrations at start, and error classification.
//!
//! Queries take `&mut AsyncPgConnection` so they compose inside one transaction:
//! `db.conn().await?.transaction(async |conn| { … }).await`.

use std::time::Duration;

use diesel::migration::{Migration, MigrationSource};
use diesel::pg::Pg;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, sql_query};
use diesel_async::pooled_connection::deadpool::{Object, Pool};
use diesel_async::pooled_connection::{
    AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod,
};
use diesel_async::{
    AsyncConnection, AsyncMigrationHarness, AsyncPgConnection, RunQueryDsl, SimpleAsyncConnection,
};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use futures_util::FutureExt;

use crate::config::PlatformSettings;

/// Platform tables (outbox, dedup) that every service's database gets before its own.
pub const PLATFORM_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

pub type PooledConnection = Object<AsyncPgConnection>;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No connection could be had or it broke: the request may succeed later (503).
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("query failed: {0}")]
    Query(DieselError),
}

impl From<DieselError> for DbError {
    fn from(e: DieselError) -> Self {
        match &e {
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
            | DieselError::BrokenTransactionManager => DbError::Unavailable(e.to_string()),
            _ => DbError::Query(e),
        }
    }
}

/// True for a unique-constraint violation: the row is already there.
pub fn is_unique_violation(e: &DieselError) -> bool {
    matches!(
        e,
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("database URL {0:?} has no usable database name (letters, digits and _ only)")]
    BadName(String),
    #[error("cannot reach PostgreSQL: {0}")]
    Connect(String),
    #[error("database setup failed: {0}")]
    Sql(String),
    #[error("migration failed: {0}")]
    Migration(String),
}

/// The service's connection pool.
#[derive(Clone)]
pub struct Db {
    pool: Pool<AsyncPgConnection>,
    acquire_timeout: Duration,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("status", &self.pool.status())
            .finish()
    }
}

impl Db {
    /// Creates the database if missing, runs `migrations` in order, and builds the pool.
    pub async fn connect(
        settings: &PlatformSettings,
        migrations: &[&'static EmbeddedMigrations],
    ) -> Result<Db, SetupError> {
        ensure_database(&settings.database_url).await?;
        migrate(&settings.database_url, migrations).await?;
        Db::pool_only(settings)
    }

    /// Builds the pool without touching the schema.
    pub fn pool_only(settings: &PlatformSettings) -> Result<Db, SetupError> {
        let statement_timeout = settings.database_statement_timeout_ms;
        let mut config = ManagerConfig::default();
        // A checked-out connection is not probed with a query: that cost a round trip per
        // checkout, several per message under load. A connection the server closed is still
        // discarded (`Fast` checks that the client is closed or its transaction state broken);
        // one the network cut silently fails its first query, which callers already treat as
        // the database being unavailable.
        config.recycling_method = RecyclingMethod::Fast;
        // Every pooled connection gets a statement timeout: a runaway query fails instead of
        // holding a connection forever.
        config.custom_setup = Box::new(move |url| {
            async move {
                let mut conn = AsyncPgConnection::establish(url).await?;
                conn.batch_execute(&format!(
                    "SET statement_timeout = {statement_timeout}; SET application_name = 'tts'"
                ))
                .await
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(conn)
            }
            .boxed()
        });
        let manager =
            AsyncDieselConnectionManager::new_with_config(settings.database_url.clone(), config);
        let timeout = settings.database_connect_timeout();
        let pool = Pool::builder(manager)
            .max_size(settings.database_pool_size)
            .runtime(deadpool::Runtime::Tokio1)
            .wait_timeout(Some(timeout))
            .create_timeout(Some(timeout))
            .recycle_timeout(Some(timeout))
            .build()
            .map_err(|e| SetupError::Connect(e.to_string()))?;
        Ok(Db {
            pool,
            acquire_timeout: timeout,
        })
    }

    /// A connection from the pool, or `Unavailable` within the configured timeout.
    pub async fn conn(&self) -> Result<PooledConnection, DbError> {
        self.pool
            .get()
            .await
            .map_err(|e| DbError::Unavailable(e.to_string()))
    }

    /// Readiness probe: a round trip to the server.
    pub async fn ping(&self) -> Result<(), DbError> {
        let mut conn = self.conn().await?;
        let probe = sql_query("SELECT 1").execute(&mut conn);
        match tokio::time::timeout(self.acquire_timeout, probe).await {
            Ok(result) => result.map(|_| ()).map_err(DbError::from),
            Err(_) => Err(DbError::Unavailable("ping timed out".into())),
        }
    }
}

/// Lets a `&'static` embedded set be handed to the harness, which wants an owned source.
struct Migrations(&'static EmbeddedMigrations);

impl MigrationSource<Pg> for Migrations {
    fn migrations(&self) -> diesel::migration::Result<Vec<Box<dyn Migration<Pg>>>> {
        <EmbeddedMigrations as MigrationSource<Pg>>::migrations(self.0)
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The database name of a PostgreSQL URL, checked to be a plain identifier.
pub fn database_name(url: &str) -> Result<String, SetupError> {
    let parsed = url::Url::parse(url).map_err(|_| SetupError::BadName(url.to_string()))?;
    let name = parsed.path().trim_start_matches('/').to_string();
    let plain = !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        Ok(name)
    } else {
        Err(SetupError::BadName(url.to_string()))
    }
}

/// The same server's `postgres` maintenance database.
pub fn maintenance_url(url: &str) -> Result<String, SetupError> {
    let mut parsed = url::Url::parse(url).map_err(|_| SetupError::BadName(url.to_string()))?;
    parsed.set_path("/postgres");
    Ok(parsed.to_string())
}

/// Connects to the maintenance database of the server `url` points at.
pub async fn maintenance_connection(url: &str) -> Result<AsyncPgConnection, SetupError> {
    AsyncPgConnection::establish(&maintenance_url(url)?)
        .await
        .map_err(|e| SetupError::Connect(e.to_string()))
}

/// Creates the database named in `url` unless it exists. Safe when replicas race.
pub async fn ensure_database(url: &str) -> Result<(), SetupError> {
    let name = database_name(url)?;
    let mut conn = maintenance_connection(url).await?;
    let existing: Count = sql_query("SELECT count(*) AS n FROM pg_database WHERE datname = $1")
        .bind::<Text, _>(&name)
        .get_result(&mut conn)
        .await
        .map_err(|e| SetupError::Sql(e.to_string()))?;
    if existing.n > 0 {
        return Ok(());
    }
    match sql_query(format!("CREATE DATABASE \"{name}\""))
        .execute(&mut conn)
        .await
    {
        Ok(_) => {
            tracing::info!(database = %name, "created database");
            Ok(())
        }
        // Another replica created it between our check and our CREATE.
        Err(e) if e.to_string().contains("already exists") => Ok(()),
        Err(e) => Err(SetupError::Sql(e.to_string())),
    }
}

/// Runs every pending migration of each set, in order, holding an advisory lock so replicas
/// starting together do not migrate concurrently.
pub async fn migrate(
    url: &str,
    migrations: &[&'static EmbeddedMigrations],
) -> Result<(), SetupError> {
    let mut conn = AsyncPgConnection::establish(url)
        .await
        .map_err(|e| SetupError::Connect(e.to_string()))?;
    // Session-level lock, released when this connection closes.
    sql_query("SELECT pg_advisory_lock(74720001)")
        .execute(&mut conn)
        .await
        .map_err(|e| SetupError::Sql(e.to_string()))?;
    let sets = migrations.to_vec();
    // The harness drives the async connection from synchronous code; keep it off the workers.
    tokio::task::spawn_blocking(move || {
        let mut harness = AsyncMigrationHarness::new(conn);
        for set in sets {
            harness
                .run_pending_migrations(Migrations(set))
                .map_err(|e| SetupError::Migration(e.to_string()))?;
        }
        Ok(())
    })
    .await
    .map_err(|e| SetupError::Migration(e.to_string()))?
}
