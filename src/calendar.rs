//! Working-day calendar on China's official holiday schedules.
