//! Compiled patterns built on first use and dropped on request.
//!
//! The command line imports once and exits, but the window runs for hours and imports only
//! when raw copy is opened; holding the importer's own patterns (about 2.5 MB compiled)
//! for the rest of the session would cost memory for nothing. [`super::release_patterns`]
//! drops them; the next import compiles them again, in a few milliseconds.

use std::sync::{Arc, Mutex, PoisonError};

/// A value built by `build` when first asked for, until [`OnDemand::release`].
pub struct OnDemand<T> {
    build: fn() -> T,
    value: Mutex<Option<Arc<T>>>,
}

impl<T> OnDemand<T> {
    pub const fn new(build: fn() -> T) -> Self {
        Self {
            build,
            value: Mutex::new(None),
        }
    }

    /// The value, built now if it was not built yet or was released.
    pub fn get(&self) -> Arc<T> {
        let mut value = self.value.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(value.get_or_insert_with(|| Arc::new((self.build)())))
    }

    /// Drops the value once its current users are done with it.
    pub fn release(&self) {
        *self.value.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Whether the value is built.
    #[cfg(test)]
    pub fn is_built(&self) -> bool {
        self.value
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    static VALUE: OnDemand<String> = OnDemand::new(|| {
        BUILDS.fetch_add(1, Ordering::SeqCst);
        "built".to_owned()
    });

    #[test]
    fn built_once_until_released_and_kept_alive_by_its_users() {
        assert!(!VALUE.is_built());
        let held = VALUE.get();
        assert_eq!(*VALUE.get(), "built");
        assert_eq!(BUILDS.load(Ordering::SeqCst), 1);
        VALUE.release();
        assert!(!VALUE.is_built());
        assert_eq!(*held, "built", "a user keeps its copy");
        assert_eq!(*VALUE.get(), "built");
        assert_eq!(BUILDS.load(Ordering::SeqCst), 2);
    }
}
