//! The thread pools batch calls run on, safe across `fork()`.
//!
//! rayon's global pool is started once per process. A child made by `fork()`
//! (Python's `multiprocessing` on Linux, Gunicorn, Celery...) inherits the pool's
//! bookkeeping but none of its threads, so its first parallel call waits forever
//! for workers that do not exist. The crate therefore never uses the global
//! pool: it keeps its own shared pool, tagged with the id of the process that
//! built it, and a process that finds another's pool (it was forked) builds a
//! fresh one. The same guard HF tokenizers has, without its warning: the child
//! just gets its own threads.

use std::sync::{Arc, Mutex};

use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::error::{Error, Result};

/// The shared pool and the process it belongs to.
static SHARED: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// The shared slot. A panic elsewhere while holding the lock leaves only a
/// stale `Option`, so a poisoned lock is used as it is.
fn lock() -> std::sync::MutexGuard<'static, Option<(u32, Arc<ThreadPool>)>> {
    SHARED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// This process's shared pool, built on first use with `ACTORGRAPH_NUM_THREADS`
/// threads, else as many as rayon's global pool would have (`RAYON_NUM_THREADS`,
/// else one per core).
fn shared() -> Result<Arc<ThreadPool>> {
    let pid = std::process::id();
    let mut slot = lock();
    if let Some((owner, pool)) = slot.as_ref() {
        if *owner == pid {
            return Ok(pool.clone());
        }
    }
    let pool = Arc::new(build(threads_from_env()?)?);
    if let Some(inherited) = slot.replace((pid, pool.clone())) {
        // The parent's pool: its threads do not exist here, so it must not be
        // dropped (dropping signals them); leaking its bookkeeping is harmless.
        std::mem::forget(inherited);
    }
    Ok(pool)
}

/// The pool size `ACTORGRAPH_NUM_THREADS` asks for, if set.
fn threads_from_env() -> Result<Option<usize>> {
    match std::env::var("ACTORGRAPH_NUM_THREADS") {
        Err(_) => Ok(None),
        Ok(value) => match value.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(Error::Data {
                what: "ACTORGRAPH_NUM_THREADS".into(),
                message: format!("must be a positive integer, got {value:?}"),
            }),
        },
    }
}

fn build(threads: Option<usize>) -> Result<ThreadPool> {
    let mut builder = ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n);
    }
    builder.build().map_err(|e| Error::Data {
        what: "thread pool".into(),
        message: e.to_string(),
    })
}

/// Pools of the sizes callers asked for (`n_threads=`), with the process that
/// built them, so that a batch does not start threads of its own: `pipe` and
/// `analyze` ask for the same size batch after batch.
static SIZED: Mutex<Option<(u32, Vec<Arc<ThreadPool>>)>> = Mutex::new(None);

/// How many sized pools are kept; the least recently asked for goes first.
/// Idle pools cost only their sleeping threads.
const KEPT_SIZED: usize = 4;

/// A pool of `n` threads: this process's pool of that size, built if new.
fn sized(n: usize) -> Result<Arc<ThreadPool>> {
    let pid = std::process::id();
    let mut slot = SIZED.lock().unwrap_or_else(|p| p.into_inner());
    if slot.as_ref().is_some_and(|(owner, _)| *owner != pid) {
        // Pools of the parent process, after fork(): as in `shared`, their
        // threads do not exist here, so they are leaked, not dropped.
        std::mem::forget(slot.take());
    }
    let (_, pools) = slot.get_or_insert_with(|| (pid, Vec::new()));
    if let Some(k) = pools.iter().position(|p| p.current_num_threads() == n) {
        let pool = pools.remove(k);
        pools.push(pool.clone());
        return Ok(pool);
    }
    let pool = Arc::new(build(Some(n))?);
    if pools.len() == KEPT_SIZED {
        pools.remove(0);
    }
    pools.push(pool.clone());
    Ok(pool)
}

/// Runs `job` on a pool of `threads` threads, or on the shared pool for
/// `None`; rayon's parallel iterators inside `job` use that pool.
pub(crate) fn run<T: Send>(threads: Option<usize>, job: impl FnOnce() -> T + Send) -> Result<T> {
    let pool = match threads {
        Some(n) => sized(n)?,
        None => shared()?,
    };
    Ok(pool.install(job))
}

/// Runs `job` on the shared pool; if no thread can be started, on rayon's
/// global pool instead (for callers with no error to return, like training).
pub(crate) fn in_shared<T: Send>(job: impl FnOnce() -> T + Send) -> T {
    match shared() {
        Ok(pool) => pool.install(job),
        Err(_) => job(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// The tests swap the shared slot; they must not interleave.
    static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn jobs_run_on_the_pool_asked_for() {
        let _serial = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let threads = run(Some(3), rayon::current_num_threads).expect("pool");
        assert_eq!(threads, 3);
        // A size asked for again gets the same pool; at most KEPT_SIZED are kept.
        // (Sizes no other test asks for: tests run side by side in one process.)
        let first = sized(9).expect("pool");
        assert!(Arc::ptr_eq(&first, &sized(9).expect("pool")));
        for n in 10..10 + KEPT_SIZED {
            assert_eq!(run(Some(n), rayon::current_num_threads).expect("pool"), n);
        }
        assert!(!Arc::ptr_eq(&first, &sized(9).expect("pool")));
        let sum: u64 = run(None, || (1..=100u64).into_par_iter().sum()).expect("pool");
        assert_eq!(sum, 5050);
        // The shared pool is built once per process.
        let (a, b) = (shared().expect("pool"), shared().expect("pool"));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(in_shared(|| (1..=10u64).into_par_iter().sum::<u64>()), 55);
    }

    #[test]
    fn a_pool_of_another_process_is_replaced() {
        let _serial = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        // As after fork(): the slot holds a pool tagged with another process id.
        let foreign = Arc::new(build(Some(1)).expect("pool"));
        let pid = std::process::id();
        let saved = lock().replace((pid.wrapping_add(1), foreign.clone()));
        let mine = shared().expect("pool");
        assert!(!Arc::ptr_eq(&mine, &foreign));
        assert_eq!(lock().as_ref().map(|s| s.0), Some(pid));
        // Put back what the other tests may share.
        if let Some(saved) = saved {
            *lock() = Some(saved);
        }
        // The same for pools of a given size.
        let foreign = Arc::new(build(Some(2)).expect("pool"));
        *SIZED.lock().expect("not poisoned") = Some((pid.wrapping_add(1), vec![foreign.clone()]));
        let mine = sized(2).expect("pool");
        assert!(!Arc::ptr_eq(&mine, &foreign));
        assert_eq!(mine.current_num_threads(), 2);
        let slot = SIZED.lock().expect("not poisoned");
        let (owner, pools) = slot.as_ref().expect("pools kept");
        assert_eq!(*owner, pid);
        assert!(pools.iter().any(|p| Arc::ptr_eq(p, &mine)));
        assert!(!pools.iter().any(|p| Arc::ptr_eq(p, &foreign)));
    }
}
