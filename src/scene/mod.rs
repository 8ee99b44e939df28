//! The lowest drawing layer, shared by charts and maps (as `plotters-backend` is shared by
//! plotters' users): plain shapes in CSS pixels, colours and themes, text measuring, data
//! tables, tweening, and the one function that paints a scene to any plotters backend.
//! Nothing here knows a chart form or a map.

pub mod draw;
pub mod rect;
mod shape;
pub mod table;
pub mod text;
pub mod theme;
pub mod tween;

pub use shape::*;
