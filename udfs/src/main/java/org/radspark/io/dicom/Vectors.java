package org.radspark.io.dicom;

/** Small 3-vector helpers for patient-coordinate geometry (PS3.3 C.7.6.2.1.1). */
final class Vectors {
    private Vectors() { }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] normalise(double[] a) {
        double n = norm(a);
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }

    static boolean close(double[] a, double[] b, double tolerance) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** A length or coordinate for messages: rounded to 0.001, e.g. "6.0", "0.977". */
    static String mm(double v) {
        return Double.toString(Math.round(v * 1000.0) / 1000.0);
    }

    static String mm(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(mm(v[i]));
        }
        return sb.append(')').toString();
    }
}
