//! Confidence from score margins: a logistic fitted on held-out predictions,
//! shared by the tagger and the relation classifier.

/// Fits `σ(a·m + b)` to (margin, correct) pairs by Newton's method on the
/// log-loss with a small L2 penalty (a dev set of a few hundred spans can be
/// separable, which would send `a` to infinity and every score to 0 or 1).
/// Margins are scaled by their mean magnitude first, since perceptron margins
/// run into the hundreds. Falls back to a gentle slope when there is too little
/// data.
pub(crate) fn calibrate(points: &[(f32, bool)]) -> [f32; 2] {
    let positives = points.iter().filter(|p| p.1).count();
    let scale =
        points.iter().map(|p| f64::from(p.0).abs()).sum::<f64>() / points.len().max(1) as f64;
    if points.len() < 20 || positives == 0 || positives == points.len() || scale <= 0.0 {
        let a = if scale > 0.0 { 1.0 / scale } else { 1.0 };
        return [a as f32, 0.0];
    }
    const L2: f64 = 1.0;
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..100 {
        let (mut ga, mut gb) = (L2 * a, L2 * b);
        let (mut haa, mut hab, mut hbb) = (L2, 0.0, L2);
        for &(m, y) in points {
            let m = (f64::from(m) / scale).clamp(-50.0, 50.0);
            let p = 1.0 / (1.0 + (-(a * m + b)).exp());
            let r = p - f64::from(u8::from(y));
            ga += r * m;
            gb += r;
            let w = p * (1.0 - p);
            haa += w * m * m;
            hab += w * m;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    if a.is_finite() && b.is_finite() && a > 0.0 {
        [(a / scale) as f32, b as f32]
    } else {
        [(1.0 / scale) as f32, 0.0]
    }
}

/// How far `scores[chosen]` leads the best other score (negative when it
/// trails; infinite when there is no other).
pub(crate) fn lead(scores: &[f32], chosen: usize) -> f32 {
    let best_other = scores
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != chosen)
        .map(|(_, &s)| s)
        .fold(f32::NEG_INFINITY, f32::max);
    scores[chosen] - best_other
}

/// `σ(a·m + b)` for margin `m`, strictly inside (0, 1): a prediction is never
/// certain nor impossible.
pub(crate) fn confidence([a, b]: [f32; 2], margin: f32) -> f32 {
    (1.0 / (1.0 + (-(a * margin + b)).exp())).clamp(0.001, 0.999)
}

#[cfg(test)]
mod tests {
    use super::calibrate;

    #[test]
    fn calibration_is_monotone_and_not_extreme() {
        // Correct spans have larger margins, with overlap: a separable-looking
        // but noisy set like a small dev set gives.
        let points: Vec<(f32, bool)> = (0..200)
            .map(|i| {
                let m = (i as f32) * 0.5;
                (m, i % 7 != 0 && i > 40)
            })
            .collect();
        let [a, b] = calibrate(&points);
        let p = |m: f32| 1.0 / (1.0 + (-(a * m + b)).exp());
        assert!(a > 0.0);
        assert!(p(10.0) < p(60.0));
        assert!(p(99.0) < 0.999 && p(0.0) > 0.001, "{a} {b}");
        // separable data still gives finite, moderate scores
        let separable: Vec<(f32, bool)> = (0..100).map(|i| (i as f32, i >= 50)).collect();
        let [a, b] = calibrate(&separable);
        assert!(a.is_finite() && b.is_finite());
    }
}
