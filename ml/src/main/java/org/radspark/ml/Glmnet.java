package org.radspark.ml;

import java.util.Arrays;

/**
 * L1/elastic-net penalised two-class logistic regression on the driver, following the published
 * glmnet algorithm (Friedman, Hastie and Tibshirani 2010) so that paths agree with R glmnet:
 * predictors standardised with weights 1/n (population variance), a quadratic (IRLS) approximation
 * of the log-likelihood re-formed in an outer loop, cyclic coordinate descent over a strong set in
 * the middle loop and over the active set in an inner loop, sequential strong rule plus a KKT check,
 * convergence when the largest weighted squared coefficient change is below {@code thresh} times
 * the null deviance, lambda path from lambda_max (computed from the data) down to
 * {@code lambdaMinRatio * lambda_max} on a log scale, with glmnet's early path stop (fractional
 * deviance change below 1e-5, or deviance ratio above 0.999, checked from the fifth lambda on).
 * Rows are observations; {@code y} is 0/1.
 */
public final class Glmnet {

    private static final double BIG = 9.9e35;
    private static final double PMIN = 1e-9;
    private static final double FDEV = 1e-5;
    private static final double DEVMAX = 0.999;
    private static final int MNLAM = 5;

    private Glmnet() {
    }

    /** A fitted path on the original predictor scale. */
    public static final class Path {
        public final double[] lambda;
        public final double[] a0;
        /** beta[l][j]: coefficient of predictor j at lambda l. */
        public final double[][] beta;
        public final double[] devRatio;
        public final double nullDeviance;

        Path(double[] lambda, double[] a0, double[][] beta, double[] devRatio, double nullDeviance) {
            this.lambda = lambda;
            this.a0 = a0;
            this.beta = beta;
            this.devRatio = devRatio;
            this.nullDeviance = nullDeviance;
        }

        public int size() {
            return lambda.length;
        }

        public int nonZero(int l) {
            int c = 0;
            for (double b : beta[l]) {
                if (b != 0) {
                    c++;
                }
            }
            return c;
        }

        /**
         * Intercept and coefficients at an arbitrary lambda s, linearly interpolated in lambda
         * between the neighbouring path solutions and clamped to the path's ends (the rule of
         * R's predict.glmnet with exact = FALSE). Returns {a0, b1, ..., bp}.
         */
        public double[] interpolate(double s) {
            int k = lambda.length;
            int p = beta[0].length;
            int left;
            int right;
            double frac;
            if (k == 1) {
                left = 0;
                right = 0;
                frac = 1;
            } else {
                double span = lambda[0] - lambda[k - 1];
                double[] ln = new double[k];
                for (int i = 0; i < k; i++) {
                    ln[i] = (lambda[0] - lambda[i]) / span;
                }
                double sf = (lambda[0] - s) / span;
                sf = Math.max(ln[0], Math.min(ln[k - 1], sf));
                int i = 0;
                while (i < k - 2 && ln[i + 1] < sf) {
                    i++;
                }
                double coord = ln[i + 1] == ln[i] ? i : i + (sf - ln[i]) / (ln[i + 1] - ln[i]);
                left = (int) Math.floor(coord);
                right = (int) Math.ceil(coord);
                frac = left == right || Math.abs(ln[left] - ln[right]) < Math.ulp(1.0)
                        ? 1.0 : (sf - ln[right]) / (ln[left] - ln[right]);
            }
            double[] out = new double[p + 1];
            out[0] = a0[left] * frac + a0[right] * (1 - frac);
            for (int j = 0; j < p; j++) {
                out[j + 1] = beta[left][j] * frac + beta[right][j] * (1 - frac);
            }
            return out;
        }

        /** Linear predictor of one row at lambda index l. */
        public double link(int l, double[] row) {
            double s = a0[l];
            double[] b = beta[l];
            for (int j = 0; j < b.length; j++) {
                if (b[j] != 0) {
                    s += b[j] * row[j];
                }
            }
            return s;
        }
    }

    /** Fit options; defaults are R glmnet's. */
    public static final class Options {
        public double alpha = 1.0;
        public int nlambda = 100;
        /** NaN: 0.01 when n &lt; p, else 1e-4. */
        public double lambdaMinRatio = Double.NaN;
        public double thresh = 1e-7;
        public int maxit = 100_000;
        public boolean standardize = true;
        /** User lambda sequence (decreasing); null: computed from the data. */
        public double[] lambda;

        public Options copy() {
            Options o = new Options();
            o.alpha = alpha;
            o.nlambda = nlambda;
            o.lambdaMinRatio = lambdaMinRatio;
            o.thresh = thresh;
            o.maxit = maxit;
            o.standardize = standardize;
            o.lambda = lambda == null ? null : lambda.clone();
            return o;
        }
    }

    public static Path fit(double[][] x, double[] y, Options opt) {
        int n = x.length;
        int p = x[0].length;
        double w = 1.0 / n;
        // column-major standardised copy
        double[][] xc = new double[p][n];
        double[] xm = new double[p];
        double[] xs = new double[p];
        boolean[] ju = new boolean[p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += w * x[i][j];
            }
            double v = 0;
            double[] col = xc[j];
            for (int i = 0; i < n; i++) {
                col[i] = x[i][j] - m;
                v += w * col[i] * col[i];
            }
            xm[j] = m;
            double first = x[0][j];
            boolean constant = true;
            for (int i = 1; i < n && constant; i++) {
                constant = x[i][j] == first;
            }
            ju[j] = !constant;
            double s = opt.standardize ? Math.sqrt(v) : 1.0;
            xs[j] = s;
            if (ju[j] && s != 1.0) {
                for (int i = 0; i < n; i++) {
                    col[i] /= s;
                }
            }
        }
        double flmin;
        double[] ulam = opt.lambda;
        int nlam;
        if (ulam == null) {
            flmin = Double.isNaN(opt.lambdaMinRatio) ? (n < p ? 0.01 : 1e-4) : opt.lambdaMinRatio;
            nlam = opt.nlambda;
        } else {
            flmin = 1.0;
            nlam = ulam.length;
        }
        double bta = opt.alpha;
        double omb = 1.0 - bta;

        double q0 = 0;
        for (int i = 0; i < n; i++) {
            q0 += w * y[i];
        }
        if (q0 <= PMIN || q0 >= 1 - PMIN) {
            throw new IllegalArgumentException("response has a single class");
        }
        double[] b = new double[p];
        double b0 = Math.log(q0 / (1 - q0));
        double[] bs = new double[p];
        double[] q = new double[n];
        double[] v = new double[n];
        double[] r = new double[n];
        double vi = q0 * (1 - q0);
        for (int i = 0; i < n; i++) {
            q[i] = q0;
            v[i] = w * vi;
            r[i] = w * (y[i] - q0);
        }
        double xmz = vi;
        double dev1 = -(q0 * Math.log(q0) + (1 - q0) * Math.log(1 - q0));
        double dev0 = dev1; // saturated log-likelihood is 0 for a 0/1 response
        double shr = opt.thresh * dev0;
        double vmin = (1 + PMIN) * PMIN * (1 - PMIN);
        double alf = 1.0;
        if (flmin < 1.0) {
            alf = Math.pow(Math.max(1e-6, flmin), 1.0 / (nlam - 1));
        }
        double[] xv = new double[p];
        double[] ga = new double[p];
        boolean[] strong = new boolean[p];
        int[] mm = new int[p];
        Arrays.fill(mm, -1);
        int[] active = new int[p];
        int nin = 0;
        for (int j = 0; j < p; j++) {
            if (ju[j]) {
                ga[j] = Math.abs(dot(r, xc[j]));
            }
        }
        double[] lamOut = new double[nlam];
        double[] a0Out = new double[nlam];
        double[][] betaStd = new double[nlam][];
        double[] devOut = new double[nlam];
        int lmu = 0;
        double al = 0;
        double al0;
        int nlp = 0;
        for (int ilm = 0; ilm < nlam; ilm++) {
            al0 = al;
            if (flmin >= 1.0) {
                al = ulam[ilm];
            } else if (ilm > 1) {
                al *= alf;
            } else if (ilm == 0) {
                al = BIG;
            } else {
                al0 = 0;
                for (int j = 0; j < p; j++) {
                    if (ju[j]) {
                        al0 = Math.max(al0, ga[j]);
                    }
                }
                al = alf * al0 / Math.max(bta, 1e-3);
            }
            double al2 = al * omb;
            double al1 = al * bta;
            double tlam = bta * (2 * al - al0);
            for (int k = 0; k < p; k++) {
                if (!strong[k] && ju[k] && ga[k] > tlam) {
                    strong[k] = true;
                }
            }
            while (true) { // outer loop: quadratic approximation
                double bs0 = b0;
                for (int l = 0; l < nin; l++) {
                    bs[active[l]] = b[active[l]];
                }
                for (int j = 0; j < p; j++) {
                    if (strong[j]) {
                        double s = 0;
                        double[] col = xc[j];
                        for (int i = 0; i < n; i++) {
                            s += v[i] * col[i] * col[i];
                        }
                        xv[j] = s;
                    }
                }
                boolean overflow = false;
                while (true) { // middle loop over the strong set
                    nlp++;
                    double dlx = 0;
                    for (int k = 0; k < p; k++) {
                        if (!strong[k]) {
                            continue;
                        }
                        double d = update(k, b, xc[k], r, v, xv, al1, al2);
                        if (d == 0) {
                            continue;
                        }
                        dlx = Math.max(dlx, xv[k] * d * d);
                        if (mm[k] < 0) {
                            mm[k] = nin;
                            active[nin++] = k;
                        }
                    }
                    double d = sum(r) / xmz;
                    if (d != 0) {
                        b0 += d;
                        dlx = Math.max(dlx, xmz * d * d);
                        for (int i = 0; i < n; i++) {
                            r[i] -= d * v[i];
                        }
                    }
                    if (dlx < shr) {
                        break;
                    }
                    if (nlp > opt.maxit) {
                        throw new IllegalStateException("glmnet: maximum iterations reached at lambda " + al);
                    }
                    while (true) { // inner loop over the active set
                        nlp++;
                        double dlx2 = 0;
                        for (int l = 0; l < nin; l++) {
                            int k = active[l];
                            double dk = update(k, b, xc[k], r, v, xv, al1, al2);
                            if (dk != 0) {
                                dlx2 = Math.max(dlx2, xv[k] * dk * dk);
                            }
                        }
                        double d2 = sum(r) / xmz;
                        if (d2 != 0) {
                            b0 += d2;
                            dlx2 = Math.max(dlx2, xmz * d2 * d2);
                            for (int i = 0; i < n; i++) {
                                r[i] -= d2 * v[i];
                            }
                        }
                        if (dlx2 < shr) {
                            break;
                        }
                        if (nlp > opt.maxit) {
                            throw new IllegalStateException("glmnet: maximum iterations reached at lambda " + al);
                        }
                    }
                }
                // new quadratic approximation
                xmz = 0;
                for (int i = 0; i < n; i++) {
                    double fi = b0;
                    for (int l = 0; l < nin; l++) {
                        int k = active[l];
                        fi += b[k] * xc[k][i];
                    }
                    q[i] = 1.0 / (1.0 + Math.exp(-fi));
                    v[i] = w * q[i] * (1 - q[i]);
                    xmz += v[i];
                    r[i] = w * (y[i] - q[i]);
                }
                if (xmz <= vmin) {
                    overflow = true;
                }
                if (overflow) {
                    break;
                }
                boolean changed = xmz * (b0 - bs0) * (b0 - bs0) >= shr;
                if (!changed) {
                    for (int l = 0; l < nin; l++) {
                        int k = active[l];
                        double d = b[k] - bs[k];
                        if (xv[k] * d * d >= shr) {
                            changed = true;
                            break;
                        }
                    }
                }
                if (!changed) {
                    boolean violation = false;
                    for (int k = 0; k < p; k++) {
                        if (strong[k] || !ju[k]) {
                            continue;
                        }
                        ga[k] = Math.abs(dot(r, xc[k]));
                        if (ga[k] > al1) {
                            strong[k] = true;
                            violation = true;
                        }
                    }
                    if (!violation) {
                        break;
                    }
                }
            }
            lamOut[ilm] = al;
            a0Out[ilm] = b0;
            betaStd[ilm] = b.clone();
            double devi = 0;
            for (int i = 0; i < n; i++) {
                double qi = Math.min(Math.max(q[i], PMIN), 1 - PMIN);
                devi -= w * (y[i] * Math.log(qi) + (1 - y[i]) * Math.log(1 - qi));
            }
            devOut[ilm] = (dev1 - devi) / dev0;
            lmu = ilm + 1;
            if (xmz <= vmin) {
                break;
            }
            if (ilm + 1 < Math.min(MNLAM, nlam) || flmin >= 1.0) {
                continue;
            }
            if (devOut[ilm] > DEVMAX) {
                break;
            }
            if (ilm > 0 && devOut[ilm] - devOut[ilm - 1] < FDEV) {
                break;
            }
        }
        double[] lambda = Arrays.copyOf(lamOut, lmu);
        if (flmin < 1.0 && lmu >= 3) {
            lambda[0] = Math.exp(2 * Math.log(lambda[1]) - Math.log(lambda[2]));
        }
        double[] a0 = new double[lmu];
        double[][] beta = new double[lmu][p];
        for (int l = 0; l < lmu; l++) {
            double c = a0Out[l];
            for (int j = 0; j < p; j++) {
                double bj = ju[j] ? betaStd[l][j] / xs[j] : 0.0;
                beta[l][j] = bj;
                c -= bj * xm[j];
            }
            a0[l] = c;
        }
        return new Path(lambda, a0, beta, Arrays.copyOf(devOut, lmu), 2 * n * dev0);
    }

    private static double update(int k, double[] b, double[] col, double[] r, double[] v, double[] xv,
                                 double al1, double al2) {
        double bk = b[k];
        double u = dot(r, col) + xv[k] * bk;
        double au = Math.abs(u) - al1;
        double nb = au <= 0 ? 0.0 : Math.max(-BIG, Math.min(BIG, Math.copySign(au, u) / (xv[k] + al2)));
        b[k] = nb;
        double d = nb - bk;
        if (d != 0) {
            for (int i = 0; i < r.length; i++) {
                r[i] -= d * v[i] * col[i];
            }
        }
        return d;
    }

    private static double dot(double[] a, double[] c) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * c[i];
        }
        return s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double d : a) {
            s += d;
        }
        return s;
    }

    /** Cross-validation result in the layout of R's cv.glmnet. */
    public static final class CvResult {
        public final Path fit;
        public final String measure;
        public final double[] cvm;
        public final double[] cvsd;
        public final int indexMin;
        public final int index1se;

        CvResult(Path fit, String measure, double[] cvm, double[] cvsd, int indexMin, int index1se) {
            this.fit = fit;
            this.measure = measure;
            this.cvm = cvm;
            this.cvsd = cvsd;
            this.indexMin = indexMin;
            this.index1se = index1se;
        }

        public double lambdaMin() {
            return fit.lambda[indexMin];
        }

        public double lambda1se() {
            return fit.lambda[index1se];
        }
    }

    /**
     * K-fold cross-validation as cv.glmnet (4.1) does it: each fold's training part is fitted with
     * its own data-derived lambda path, and its coefficients at the lambdas of the fit on all data
     * are interpolated ({@link Path#interpolate}); per-fold mean of the measure, cvm = fold-size-weighted mean,
     * cvsd = sqrt(weighted mean squared deviation / (K - 1)); lambda.min = largest lambda at the
     * best cvm, lambda.1se = largest lambda whose cvm is within one cvsd of it.
     *
     * @param measure "deviance" (binomial deviance, probabilities clipped to [1e-5, 1 - 1e-5]) or "auc"
     */
    public static CvResult cv(double[][] x, double[] y, int[] foldid, String measure, Options opt) {
        boolean auc = "auc".equalsIgnoreCase(measure);
        if (!auc && !"deviance".equalsIgnoreCase(measure)) {
            throw new IllegalArgumentException("measure must be deviance or auc: " + measure);
        }
        Path full = fit(x, y, opt);
        int nl = full.size();
        int nfolds = 0;
        for (int f : foldid) {
            nfolds = Math.max(nfolds, f);
        }
        double[][] foldVal = new double[nfolds][nl];
        double[] foldW = new double[nfolds];
        Options fo = opt.copy();
        for (int f = 1; f <= nfolds; f++) {
            int nt = 0;
            for (int id : foldid) {
                if (id != f) {
                    nt++;
                }
            }
            int nv = x.length - nt;
            if (nv == 0) {
                continue;
            }
            double[][] xt = new double[nt][];
            double[] yt = new double[nt];
            double[][] xvv = new double[nv][];
            double[] yv = new double[nv];
            int a = 0;
            int c = 0;
            for (int i = 0; i < x.length; i++) {
                if (foldid[i] != f) {
                    xt[a] = x[i];
                    yt[a++] = y[i];
                } else {
                    xvv[c] = x[i];
                    yv[c++] = y[i];
                }
            }
            Path pf = fit(xt, yt, fo);
            foldW[f - 1] = nv;
            for (int l = 0; l < nl; l++) {
                double[] coef = pf.interpolate(full.lambda[l]);
                double[] pr = new double[nv];
                for (int i = 0; i < nv; i++) {
                    double eta = coef[0];
                    for (int j = 0; j < coef.length - 1; j++) {
                        eta += coef[j + 1] * xvv[i][j];
                    }
                    pr[i] = 1.0 / (1.0 + Math.exp(-eta));
                }
                if (auc) {
                    foldVal[f - 1][l] = Roc.auc(pr, toInt(yv));
                } else {
                    double s = 0;
                    for (int i = 0; i < nv; i++) {
                        double pi = Math.min(Math.max(pr[i], 1e-5), 1 - 1e-5);
                        s += -2 * (yv[i] * Math.log(pi) + (1 - yv[i]) * Math.log(1 - pi));
                    }
                    foldVal[f - 1][l] = s / nv;
                }
            }
        }
        double[] cvm = new double[nl];
        double[] cvsd = new double[nl];
        double wsum = 0;
        int used = 0;
        for (double fw : foldW) {
            wsum += fw;
            if (fw > 0) {
                used++;
            }
        }
        for (int l = 0; l < nl; l++) {
            double m = 0;
            for (int f = 0; f < nfolds; f++) {
                m += foldW[f] * foldVal[f][l];
            }
            m /= wsum;
            double s = 0;
            for (int f = 0; f < nfolds; f++) {
                double d = foldVal[f][l] - m;
                s += foldW[f] * d * d;
            }
            cvm[l] = m;
            cvsd[l] = Math.sqrt(s / wsum / (used - 1));
        }
        double sign = auc ? -1 : 1;
        int best = 0;
        for (int l = 1; l < nl; l++) {
            if (sign * cvm[l] < sign * cvm[best]) {
                best = l;
            }
        }
        // largest lambda attaining the optimum (lambda decreasing: first index)
        int idxMin = -1;
        for (int l = 0; l < nl && idxMin < 0; l++) {
            if (sign * cvm[l] <= sign * cvm[best]) {
                idxMin = l;
            }
        }
        double bound = sign * cvm[idxMin] + cvsd[idxMin];
        int idx1se = idxMin;
        for (int l = 0; l < nl; l++) {
            if (sign * cvm[l] <= bound) {
                idx1se = l;
                break;
            }
        }
        return new CvResult(full, auc ? "auc" : "deviance", cvm, cvsd, idxMin, idx1se);
    }

    static int[] toInt(double[] y) {
        int[] r = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = y[i] > 0.5 ? 1 : 0;
        }
        return r;
    }
}
