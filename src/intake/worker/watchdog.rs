//! The watchdog: one thread that kills workers past their time limit.

use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

struct Watch {
    ticket: u64,
    deadline: Instant,
    child: Arc<Mutex<Child>>,
    timed_out: Arc<AtomicBool>,
}

pub(super) struct Watchdog {
    watches: Mutex<(u64, Vec<Watch>)>,
}

/// How often the watchdog looks at the deadlines: a time limit of seconds is kept to within this, and
/// a file's request costs no wake-up of the watchdog thread.
const WATCHDOG_TICK: Duration = Duration::from_millis(50);

pub(super) fn watchdog() -> &'static Watchdog {
    static DOG: OnceLock<&'static Watchdog> = OnceLock::new();
    DOG.get_or_init(|| {
        let dog: &'static Watchdog = Box::leak(Box::new(Watchdog {
            watches: Mutex::new((0, Vec::new())),
        }));
        let _ = std::thread::Builder::new()
            .name("planeval-worker-watchdog".into())
            .spawn(move || dog.run());
        dog
    })
}

impl Watchdog {
    pub(super) fn watch(
        &self,
        deadline: Instant,
        child: Arc<Mutex<Child>>,
        timed_out: Arc<AtomicBool>,
    ) -> u64 {
        let mut w = self.watches.lock().unwrap_or_else(|e| e.into_inner());
        w.0 += 1;
        let ticket = w.0;
        w.1.push(Watch {
            ticket,
            deadline,
            child,
            timed_out,
        });
        ticket
    }

    pub(super) fn unwatch(&self, ticket: u64) {
        let mut w = self.watches.lock().unwrap_or_else(|e| e.into_inner());
        w.1.retain(|x| x.ticket != ticket);
    }

    fn run(&self) {
        loop {
            std::thread::sleep(WATCHDOG_TICK);
            let now = Instant::now();
            let mut w = self.watches.lock().unwrap_or_else(|e| e.into_inner());
            w.1.retain(|x| {
                if x.deadline > now {
                    return true;
                }
                x.timed_out.store(true, Ordering::SeqCst);
                let _ = x.child.lock().unwrap_or_else(|e| e.into_inner()).kill();
                false
            });
        }
    }
}
