"""plan: profile -> a safe plan (status, forms, dose, titration, dose times, foods, routine)."""
