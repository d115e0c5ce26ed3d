// Exact ITK references for radspark's LoG and Gradient image types (pyradiomics getLoGImage /
// getGradientImage call SimpleITK's LaplacianRecursiveGaussian and GradientMagnitude, both with float
// output): the same ITK filters on brain1 (read as short, as SimpleITK reads it), whole image filtered.
// Usage: log_gradient <brain1_image.nrrd> <brain1_label.nrrd> <output directory>
// Writes itk_reference.csv (image,quantity,value as in ../reference.csv) and, per filtered image, the
// float32 values of the label bounding box (x fastest, little endian) as <name>.bbox.f32.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "itkGradientMagnitudeImageFilter.h"
#include "itkImage.h"
#include "itkImageFileReader.h"
#include "itkLaplacianRecursiveGaussianImageFilter.h"
#include "itkVersion.h"

using ShortImage = itk::Image<short, 3>;
using LabelImage = itk::Image<int, 3>;
using FloatImage = itk::Image<float, 3>;

struct Box {
  int lo[3] = {1 << 30, 1 << 30, 1 << 30};
  int hi[3] = {-1, -1, -1};
};

static double percentile(const std::vector<double> & sorted, double q) {
  // numpy.percentile, linear interpolation
  double pos = (sorted.size() - 1) * q / 100.0;
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

static void describe(FILE * csv, const std::string & name, const FloatImage * img, const LabelImage * label,
                     const Box & box, const std::vector<std::array<int, 3>> & samples, const std::string & dir) {
  const float * v = img->GetBufferPointer();
  const int * l = label->GetBufferPointer();
  auto size = img->GetLargestPossibleRegion().GetSize();
  const size_t nx = size[0], ny = size[1], nz = size[2];
  std::vector<double> roi;
  for (size_t p = 0; p < nx * ny * nz; ++p) {
    if (l[p] == 1) {
      roi.push_back(v[p]);
    }
  }
  double sum = 0;
  for (double x : roi) sum += x;
  const double mean = sum / roi.size();
  double ss = 0;
  for (double x : roi) ss += (x - mean) * (x - mean);
  std::vector<double> sorted = roi;
  std::sort(sorted.begin(), sorted.end());
  std::fprintf(csv, "%s,mean,%.17g\n", name.c_str(), mean);
  std::fprintf(csv, "%s,variance,%.17g\n", name.c_str(), ss / roi.size());
  std::fprintf(csv, "%s,min,%.17g\n", name.c_str(), sorted.front());
  std::fprintf(csv, "%s,max,%.17g\n", name.c_str(), sorted.back());
  std::fprintf(csv, "%s,p10,%.17g\n", name.c_str(), percentile(sorted, 10));
  std::fprintf(csv, "%s,p90,%.17g\n", name.c_str(), percentile(sorted, 90));
  for (const auto & s : samples) {
    std::fprintf(csv, "%s,v_%d_%d_%d,%.17g\n", name.c_str(), s[0], s[1], s[2], v[s[0] + nx * (s[1] + ny * s[2])]);
  }
  FILE * raw = std::fopen((dir + "/" + name + ".bbox.f32").c_str(), "wb");
  for (int k = box.lo[2]; k <= box.hi[2]; ++k)
    for (int j = box.lo[1]; j <= box.hi[1]; ++j)
      for (int i = box.lo[0]; i <= box.hi[0]; ++i) {
        float x = v[i + nx * (j + ny * k)];
        std::fwrite(&x, sizeof(float), 1, raw);  // x86-64: little endian
      }
  std::fclose(raw);
}

int main(int argc, char * argv[]) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s image.nrrd label.nrrd outdir\n", argv[0]);
    return 1;
  }
  auto reader = itk::ImageFileReader<ShortImage>::New();
  reader->SetFileName(argv[1]);
  reader->Update();
  ShortImage::Pointer image = reader->GetOutput();
  auto labelReader = itk::ImageFileReader<LabelImage>::New();
  labelReader->SetFileName(argv[2]);
  labelReader->Update();
  LabelImage::Pointer label = labelReader->GetOutput();
  std::string dir = argv[3];

  auto size = label->GetLargestPossibleRegion().GetSize();
  Box box;
  const int * l = label->GetBufferPointer();
  for (int k = 0; k < (int)size[2]; ++k)
    for (int j = 0; j < (int)size[1]; ++j)
      for (int i = 0; i < (int)size[0]; ++i)
        if (l[i + size[0] * (j + size[1] * k)] == 1) {
          int ijk[3] = {i, j, k};
          for (int d = 0; d < 3; ++d) {
            box.lo[d] = std::min(box.lo[d], ijk[d]);
            box.hi[d] = std::max(box.hi[d], ijk[d]);
          }
        }
  const int sx = size[0] - 1, sy = size[1] - 1, sz = size[2] - 1;
  std::vector<std::array<int, 3>> samples = {
    {0, 0, 0}, {sx, sy, sz}, {sx, 0, sz}, {0, sy, 0}, {box.lo[0], box.lo[1], box.lo[2]},
    {box.hi[0], box.hi[1], box.hi[2]},
    {(box.lo[0] + box.hi[0]) / 2, (box.lo[1] + box.hi[1]) / 2, (box.lo[2] + box.hi[2]) / 2}};

  FILE * csv = std::fopen((dir + "/itk_reference.csv").c_str(), "w");
  std::fprintf(csv, "# made by itk_reference/log_gradient.cxx with ITK %s (Debian libinsighttoolkit5-dev)\n",
               itk::Version::GetITKVersion());
  std::fprintf(csv, "# label bounding box (inclusive) %d %d %d .. %d %d %d\n", box.lo[0], box.lo[1], box.lo[2],
               box.hi[0], box.hi[1], box.hi[2]);
  std::fprintf(csv, "image,quantity,value\n");
  for (double sigma : {1.0, 3.0}) {
    auto log = itk::LaplacianRecursiveGaussianImageFilter<ShortImage, FloatImage>::New();
    log->SetInput(image);
    log->SetNormalizeAcrossScale(true);
    log->SetSigma(sigma);
    log->Update();
    describe(csv, sigma == 1.0 ? "log-sigma-1-0-mm-3D" : "log-sigma-3-0-mm-3D", log->GetOutput(), label, box, samples,
             dir);
  }
  auto grad = itk::GradientMagnitudeImageFilter<ShortImage, FloatImage>::New();
  grad->SetInput(image);
  grad->SetUseImageSpacing(true);
  grad->Update();
  describe(csv, "gradient", grad->GetOutput(), label, box, samples, dir);
  std::fclose(csv);
  return 0;
}
