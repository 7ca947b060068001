//! One malloc arena for the window, and giving freed memory back, on Linux with glibc.
//!
//! glibc's malloc gives each thread that allocates its own arena and keeps each arena's
//! high-water mark resident. The window's checks and autosave threads each work through a
//! copy of a long article now and then, so every pause in typing left their peaks resident
//! beside the UI thread's: at 100,000 words, 11–16 MB more after a burst of typing and its
//! pause, against 6–9 MB with all threads sharing one arena (benches/window.py, README).
//! The window's threads allocate little at a time, so sharing costs nothing measurable;
//! the command line, whose `import` allocates on every core, keeps glibc's default.

/// Asks malloc to serve every thread from one arena; call before starting other threads.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn share_one_arena() {
    // SAFETY: `mallopt` only sets a tuning parameter of glibc's allocator; it takes plain
    // integers and is documented as safe to call at any time. A refusal (return 0) leaves
    // the default, which is correct, only larger.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Other allocators (macOS, Windows, musl) have no per-thread arenas to share.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn share_one_arena() {}

/// Gives the pages malloc holds free back to the system, after a burst of work that freed
/// much of what it allocated between allocations that stay. glibc only returns the top of
/// its heap on its own: opening a folder of 10,000 stories left 11 MB of free pages behind
/// the list's rows, resident until the window closed (README, The desk).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn give_back() {
    // SAFETY: `malloc_trim` walks glibc's own free lists under its arena locks and only
    // advises the kernel about whole free pages; it takes an integer (the bytes to keep at
    // the top of the heap) and touches no memory the program owns.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators return freed memory on their own terms; there is nothing to ask.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn give_back() {}
