#!/usr/bin/env Rscript
# R-side parity fixtures for radspark-ml on the Wisconsin diagnostic breast cancer data.
# Run after make_reference.py (which writes wdbc.csv and icc_readers.csv), from this folder.
# The Java tests only read the files written here.
suppressPackageStartupMessages({
  library(glmnet); library(pROC); library(rms); library(psych); library(jsonlite)
})
d <- read.csv("wdbc.csv")
feat <- setdiff(names(d), c("id", "malignant", "fold"))
x <- as.matrix(d[, feat]); y <- d$malignant; foldid <- d$fold
out <- list(versions = list(R = R.version.string,
                            glmnet = as.character(packageVersion("glmnet")),
                            pROC = as.character(packageVersion("pROC")),
                            rms = as.character(packageVersion("rms")),
                            psych = as.character(packageVersion("psych"))))

## LASSO (glmnet defaults: alpha 1, standardize, nlambda 100, thresh 1e-7, lambda.min.ratio 1e-4 as n > p)
for (measure in c("deviance", "auc")) {
  cv <- cv.glmnet(x, y, family = "binomial", foldid = foldid, type.measure = measure)
  write.csv(data.frame(lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd, nzero = cv$nzero),
            sprintf("glmnet_cv_%s.csv", measure), row.names = FALSE)
  cmin <- as.numeric(coef(cv, s = "lambda.min")); c1se <- as.numeric(coef(cv, s = "lambda.1se"))
  write.csv(data.frame(term = c("(Intercept)", feat), lambda_min = cmin, lambda_1se = c1se),
            sprintf("glmnet_coef_%s.csv", measure), row.names = FALSE)
  out[[paste0("glmnet_", measure)]] <- list(lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se)
}
fit <- glmnet(x, y, family = "binomial")
path <- data.frame(lambda = fit$lambda, a0 = as.numeric(fit$a0), dev_ratio = fit$dev.ratio,
                   t(as.matrix(fit$beta)), check.names = FALSE)
write.csv(path, "glmnet_path.csv", row.names = FALSE)

## clinical-style logistic models (glm, Wald inference)
m1 <- glm(malignant ~ mean_radius + mean_texture + mean_smoothness, family = binomial, data = d)
m2 <- glm(malignant ~ mean_texture + mean_symmetry, family = binomial, data = d)
s <- summary(m1)$coefficients; z <- qnorm(0.975)
write.csv(data.frame(term = rownames(s), coef = s[, 1], se = s[, 2], z = s[, 3], p = s[, 4],
                     odds_ratio = exp(s[, 1]), or_lower = exp(s[, 1] - z * s[, 2]),
                     or_upper = exp(s[, 1] + z * s[, 2])), "glm_reference.csv", row.names = FALSE)
uni <- do.call(rbind, lapply(c("mean_radius", "mean_texture", "mean_smoothness"), function(v) {
  s1 <- summary(glm(reformulate(v, "malignant"), family = binomial, data = d))$coefficients
  data.frame(term = v, coef = s1[2, 1], se = s1[2, 2], p = s1[2, 4])
}))
write.csv(uni, "glm_univariate_reference.csv", row.names = FALSE)

p1 <- fitted(m1); p2 <- fitted(m2)
lp1 <- predict(m1, type = "link")
p3 <- plogis(1.3 * lp1 - 0.4)  # deliberately mis-calibrated copy of model 1
write.csv(data.frame(id = d$id, malignant = y, p1 = p1, p2 = p2, p3 = p3), "scores.csv", row.names = FALSE)

## ROC / DeLong (pROC)
r1 <- roc(y, p1, levels = c(0, 1), direction = "<", quiet = TRUE)
r2 <- roc(y, p2, levels = c(0, 1), direction = "<", quiet = TRUE)
ci1 <- ci.auc(r1, method = "delong"); ci2 <- ci.auc(r2, method = "delong")
tt <- roc.test(r1, r2, method = "delong", paired = TRUE)
best <- coords(r1, "best", best.method = "youden", ret = c("threshold", "sensitivity", "specificity"), transpose = FALSE)
out$roc <- list(auc1 = as.numeric(auc(r1)), ci1 = as.numeric(ci1)[c(1, 3)], var1 = var(r1, method = "delong"),
                auc2 = as.numeric(auc(r2)), ci2 = as.numeric(ci2)[c(1, 3)],
                paired_z = unname(tt$statistic), paired_p = tt$p.value,
                youden_sensitivity = best$sensitivity[1], youden_specificity = best$specificity[1])

## threshold metrics at 0.5 (prediction positive when p >= 0.5)
pred <- as.integer(p1 >= 0.5)
tp <- sum(pred == 1 & y == 1); fp <- sum(pred == 1 & y == 0); tn <- sum(pred == 0 & y == 0); fn <- sum(pred == 0 & y == 1)
out$threshold_05 <- list(tp = tp, fp = fp, tn = tn, fn = fn, sensitivity = tp / (tp + fn), specificity = tn / (tn + fp),
                         accuracy = (tp + tn) / length(y), precision = tp / (tp + fp), f1 = 2 * tp / (2 * tp + fp + fn))

## Hosmer-Lemeshow: make_hoslem_reference.R (as ResourceSelection::hoslem.test)

## calibration of the mis-calibrated scores: logistic recalibration (Cox) and calibration-in-the-large, Brier
cal <- glm(y ~ qlogis(p3), family = binomial)
citl <- glm(y ~ 1, offset = qlogis(p3), family = binomial)
out$calibration <- list(intercept = unname(coef(cal)[1]), slope = unname(coef(cal)[2]),
                        in_the_large = unname(coef(citl)[1]), brier_p1 = mean((p1 - y)^2), brier_p3 = mean((p3 - y)^2))

## decision curve for model 1 (net benefit = TP/n - FP/n * pt / (1 - pt); positive when p >= pt)
pt <- seq(0.01, 0.99, by = 0.01); prev <- mean(y)
nb <- sapply(pt, function(t) { pos <- p1 >= t; sum(pos & y == 1) / length(y) - sum(pos & y == 0) / length(y) * t / (1 - t) })
write.csv(data.frame(threshold = pt, net_benefit = nb, treat_all = prev - (1 - prev) * pt / (1 - pt), treat_none = 0),
          "decision_curve_reference.csv", row.names = FALSE)

## nomogram of model 1 (rms::lrm + nomogram; datadist limits)
dd <- datadist(d[, c("mean_radius", "mean_texture", "mean_smoothness")]); options(datadist = "dd")
f <- lrm(malignant ~ mean_radius + mean_texture + mean_smoothness, data = d)
nom <- nomogram(f, fun = plogis)
noms <- do.call(rbind, lapply(c("mean_radius", "mean_texture", "mean_smoothness"), function(v)
  data.frame(variable = v, value = nom[[v]][[v]], points = nom[[v]]$points)))
write.csv(noms, "nomogram_points.csv", row.names = FALSE)
info <- attr(nom, "info")
# axes span pretty(c(Low, High)) of the datadist limits (data minimum and maximum); points = (b * x - min b * x) * sc
out$nomogram <- list(data_range = lapply(c(mean_radius = "mean_radius", mean_texture = "mean_texture", mean_smoothness = "mean_smoothness"),
                                         function(v) as.numeric(dd$limits[c("Low", "High"), v])),
                     sc = info$sc, intercept_at_zero_points = unname(info$Intercept),
                     total_points = nom$total.points$x, coef = unname(coef(f)))

## ICC on the two-reader set (psych::ICC, ANOVA estimates; irr is not packaged for this Debian release)
r <- read.csv("icc_readers.csv")
icc <- do.call(rbind, lapply(setdiff(names(r), c("patient_id", "reader")), function(v) {
  w <- cbind(r[r$reader == 1, v], r[r$reader == 2, v])
  res <- ICC(w, lmer = FALSE)$results
  data.frame(feature = v, type = c("ICC1", "ICC2", "ICC3"), icc = res$ICC[1:3],
             lower = res$`lower bound`[1:3], upper = res$`upper bound`[1:3], F = res$F[1:3], p = res$p[1:3])
}))
write.csv(icc, "icc_reference.csv", row.names = FALSE)

writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "r_reference.json")
