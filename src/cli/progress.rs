//! The progress bar of long commands: on stderr, only on a terminal, never when quiet or piped.

use super::render::shown;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use planeval::pipeline::Progress;
use std::io::IsTerminal;

/// An indicatif bar that steps once per file; hidden when `quiet` or stderr is not a terminal.
pub struct Bar {
    pb: ProgressBar,
    prefix: &'static str,
    hidden: bool,
}

impl Bar {
    pub fn new(prefix: &'static str, quiet: bool) -> Bar {
        let hidden = quiet || !std::io::stderr().is_terminal();
        Bar {
            pb: ProgressBar::hidden(),
            prefix,
            hidden,
        }
    }
}

impl Progress for Bar {
    fn start(&mut self, total: usize) {
        if self.hidden {
            return;
        }
        let pb = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
        {
            pb.set_style(style.progress_chars("=> "));
        }
        pb.set_prefix(self.prefix);
        self.pb = pb;
    }

    fn step(&mut self, path: &str, work: &mut dyn FnMut()) {
        self.pb.set_message(shown(path).into_owned());
        self.pb.suspend(work);
        self.pb.inc(1);
    }

    fn position(&mut self, done: usize) {
        self.pb.set_position(done as u64);
    }

    fn finish(&mut self) {
        self.pb.finish_and_clear();
    }
}
