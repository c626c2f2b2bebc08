/** The four programmes of the seed study (DESIGN.md §1). */
export const PROGRAMS = ['MBBS', 'MD', 'BBMS', 'HDPCS'] as const;
export type ProgramCode = (typeof PROGRAMS)[number];

/** Years of study per programme: MBBS runs six years, the Higher Diploma three. */
export const PROGRAM_YEARS: Readonly<Record<ProgramCode, number>> = { MBBS: 6, MD: 4, BBMS: 4, HDPCS: 3 };

/** Share of students per programme: MBBS is the large undergraduate entry. */
export const PROGRAM_WEIGHTS: ReadonlyArray<readonly [ProgramCode, number]> = [
  ['MBBS', 45],
  ['MD', 20],
  ['BBMS', 20],
  ['HDPCS', 15],
];

export interface CatalogueCourse {
  courseCode: string;
  title: string;
}

// Four courses per programme and year. Codes are unique across programmes, because a grade is
// identified by course code and assessment, and two programmes' "Pharmacology" are different exams.
const CATALOGUE: Readonly<Record<ProgramCode, ReadonlyArray<readonly CatalogueCourse[]>>> = {
  MBBS: [
    courses(['ANAT101', 'Human Anatomy I'], ['PHYS102', 'Human Physiology I'], ['BIOC103', 'Medical Biochemistry'], ['BEHS104', 'Behavioural Sciences and Communication']),
    courses(['ANAT201', 'Neuroanatomy'], ['PHYS202', 'Human Physiology II'], ['PATH203', 'General Pathology'], ['MICR204', 'Medical Microbiology']),
    courses(['PHARM301', 'Pharmacology'], ['PATH302', 'Systemic Pathology'], ['CMED303', 'Community Medicine'], ['CLSK304', 'Clinical Skills']),
    courses(['IMED401', 'Internal Medicine I'], ['SURG402', 'General Surgery I'], ['PAED403', 'Paediatrics'], ['FMED404', 'Forensic Medicine and Toxicology']),
    courses(['OBGY501', 'Obstetrics and Gynaecology'], ['PSYC502', 'Psychiatry'], ['IMED503', 'Internal Medicine II'], ['SURG504', 'General Surgery II']),
    courses(['EMED601', 'Emergency Medicine'], ['FAMM602', 'Family Medicine'], ['ORTH603', 'Orthopaedics'], ['OPHT604', 'Ophthalmology and ENT']),
  ],
  MD: [
    courses(['MDFM101', 'Foundations of Medicine'], ['MDCR102', 'Cardiovascular and Respiratory Systems'], ['MDGR103', 'Gastrointestinal and Renal Systems'], ['MDPH104', 'Population Health']),
    courses(['MDNS201', 'Neuroscience'], ['MDER202', 'Endocrine and Reproductive Systems'], ['MDMS203', 'Musculoskeletal System'], ['MDCL204', 'Clinical Reasoning']),
    courses(['MDIM301', 'Internal Medicine Clerkship'], ['MDSU302', 'Surgery Clerkship'], ['MDPE303', 'Paediatrics Clerkship'], ['MDOG304', 'Obstetrics and Gynaecology Clerkship']),
    courses(['MDEM401', 'Emergency Medicine Clerkship'], ['MDPS402', 'Psychiatry Clerkship'], ['MDFP403', 'Family Practice'], ['MDSI404', 'Sub-internship']),
  ],
  BBMS: [
    courses(['BMCB101', 'Cell Biology'], ['BMBC102', 'Biochemistry I'], ['BMAP103', 'Human Anatomy and Physiology'], ['BMST104', 'Biostatistics']),
    courses(['BMGE201', 'Genetics'], ['BMMI202', 'Microbiology'], ['BMIM203', 'Immunology'], ['BMBC204', 'Biochemistry II']),
    courses(['BMPH301', 'Pharmacology and Toxicology'], ['BMMB302', 'Molecular Biology'], ['BMPP303', 'Pathophysiology'], ['BMRM304', 'Research Methods']),
    courses(['BMCB401', 'Clinical Biochemistry'], ['BMHT402', 'Haematology and Transfusion Science'], ['BMBI403', 'Bioinformatics'], ['BMRP404', 'Research Project']),
  ],
  HDPCS: [
    courses(['PCAN101', 'Preclinical Anatomy'], ['PCPH102', 'Preclinical Physiology'], ['PCBC103', 'Preclinical Biochemistry'], ['PCAS104', 'Academic Skills']),
    courses(['PCPA201', 'Preclinical Pathology'], ['PCMI202', 'Preclinical Microbiology'], ['PCPM203', 'Preclinical Pharmacology'], ['PCMS204', 'Medical Statistics']),
    courses(['PCIS301', 'Integrated Systems'], ['PCCS302', 'Introduction to Clinical Sciences'], ['PCEB303', 'Evidence-based Practice'], ['PCCP304', 'Capstone Portfolio']),
  ],
};

function courses(...entries: ReadonlyArray<readonly [string, string]>): CatalogueCourse[] {
  return entries.map(([courseCode, title]) => ({ courseCode, title }));
}

/** The four courses a student of `program` takes in `yearOfStudy`. */
export function coursesOf(program: ProgramCode, yearOfStudy: number): readonly CatalogueCourse[] {
  const year = CATALOGUE[program][yearOfStudy - 1];
  if (year === undefined) throw new RangeError(`${program} has no year ${yearOfStudy}`);
  return year;
}

/** Every year of study of `program`, 1 to final. */
export function yearsOf(program: ProgramCode): number[] {
  return Array.from({ length: PROGRAM_YEARS[program] }, (_, index) => index + 1);
}
