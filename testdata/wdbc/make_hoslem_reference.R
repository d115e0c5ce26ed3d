#!/usr/bin/env Rscript
# Hosmer-Lemeshow references for radspark-ml's Calibration.hosmerLemeshow, computed the way
# ResourceSelection::hoslem.test(x = outcome, y = predicted, g) does it (version 0.3-6, the function the seed
# studies' tools call). ResourceSelection is not packaged for Debian, so this script carries the same steps
# in base R (quantile type 7 at 0, 1/g, ..., 1; unique breaks; cut(include.lowest = TRUE); xtabs of both
# outcomes; df = number of non-empty groups - 2); when ResourceSelection is installed it also checks each
# case against the package itself. Run from this folder: Rscript make_hoslem_reference.R
# Writes hoslem_reference.json.
suppressPackageStartupMessages(library(jsonlite))

hoslem <- function(outcome, predicted, g = 10) {
  breaks <- unique(quantile(predicted, probs = seq(0, 1, 1 / g)))
  group <- cut(predicted, breaks = breaks, include.lowest = TRUE)
  obs <- xtabs(cbind(y0 = 1 - outcome, y1 = outcome) ~ group)
  expd <- xtabs(cbind(yhat0 = 1 - predicted, yhat1 = predicted) ~ group)
  stat <- sum((obs - expd)^2 / expd)
  groups <- length(unique(group))
  list(statistic = stat, df = groups - 2, p = 1 - pchisq(stat, groups - 2))
}

s <- read.csv("scores.csv")
set.seed(20261207)
n <- 150
risk <- plogis(rnorm(n, -0.5, 1.3))
drawn <- rbinom(n, 1, risk)
cases <- list(
  # the evaluation tests' scores: a fitted model and a mis-calibrated copy
  list(name = "p1_g10", p = s$p1, y = s$malignant, g = 10),
  list(name = "p3_g10", p = s$p3, y = s$malignant, g = 10),
  list(name = "p2_g8", p = s$p2, y = s$malignant, g = 8),
  # ties: risks rounded to 0.1 give repeated quantiles, fewer groups than asked and a smaller df
  list(name = "rounded_g10", p = round(risk * 10) / 10, y = drawn, g = 10),
  # small test split: 30 patients, 5 groups
  list(name = "small_g5", p = risk[1:30], y = drawn[1:30], g = 5)
)
out <- list(versions = list(R = R.version.string), cases = list())
for (c in cases) {
  r <- hoslem(c$y, c$p, c$g)
  if (requireNamespace("ResourceSelection", quietly = TRUE)) {
    pkg <- ResourceSelection::hoslem.test(c$y, c$p, c$g)
    stopifnot(isTRUE(all.equal(unname(pkg$statistic), r$statistic)), unname(pkg$parameter) == r$df)
    out$versions$ResourceSelection <- as.character(packageVersion("ResourceSelection"))
  }
  out$cases[[c$name]] <- list(p = c$p, y = c$y, g = c$g, statistic = r$statistic, df = r$df, p_value = r$p)
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "hoslem_reference.json")
